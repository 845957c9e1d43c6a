#include "resendemailoperation.h"

#include "domain/auditrecord.h"
#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/mailjob.h"
#include "vapi/assistantname.h"

#include <QTimer>

namespace oc {

const QString ResendEmailOperation::kStep = QStringLiteral("send_email");

ResendEmailOperation::ResendEmailOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent)
    : Operation(parent), m_services(services), m_organizationId(organizationId), m_actor(std::move(actor))
{
}

ResendEmailOperation::~ResendEmailOperation() = default;

void ResendEmailOperation::start()
{
    // Always report asynchronously, so a caller connecting after start() still hears the end.
    QTimer::singleShot(0, this, [this] {
        if (!m_services.mailer)
            return finish(false, tr("No SMTP server is configured: set one in Settings, then resend."));
        auto org = m_services.store.organizations().find(m_organizationId);
        if (!org)
            return finish(false, org.error().message);
        auto config = m_services.store.aiConfigs().findByOrganization(m_organizationId);
        if (!config || !config->setupCompleted)
            return finish(false, tr("%1 has no completed AI setup: approve it first.").arg(org->companyName));
        ApprovalEmailData data;
        data.organizationName = org->companyName;
        data.ownerName = org->ownerName;
        data.phoneNumber = config->number;
        data.inboundAssistantName = assistantName(org->companyName, AssistantRole::Inbound);
        data.inboundAssistantId = config->inboundAssistantId;
        data.outboundAssistantName = assistantName(org->companyName, AssistantRole::Outbound);
        data.outboundAssistantId = config->outboundAssistantId;
        data.setupDate = config->setupDate;
        auto rendered = EmailRenderer(m_services.branding).approval(data);
        if (!rendered)
            return finish(false, rendered.error().message);
        m_to = org->ownerEmail;
        reportStep(pipeline::StepState::Running, m_to);
        MailMessage message{m_services.senderAddress, m_services.branding.companyName, org->ownerEmail, org->ownerName,
                            rendered->subject, rendered->text, rendered->html};
        m_job = m_services.mailer->send(message);
        connect(m_job.get(), &MailJob::finished, this, [this](const MailResult &r) {
            finish(r.ok(), r.ok() ? tr("Approval e-mail sent to %1").arg(m_to) : r.message);
        });
    });
}

void ResendEmailOperation::reportStep(pipeline::StepState state, const QString &detail, const QString &error)
{
    Q_EMIT stepEvent(pipeline::StepEvent{{}, kStep, state, 1, detail, error, QDateTime::currentDateTimeUtc()});
}

void ResendEmailOperation::finish(bool ok, const QString &message)
{
    if (isFinished())
        return;
    reportStep(ok ? pipeline::StepState::Succeeded : pipeline::StepState::Failed, ok ? message : QString(), ok ? QString() : message);
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("email.resend");
    audit.organizationId = m_organizationId;
    audit.outcome = ok ? QStringLiteral("sent") : QStringLiteral("failed");
    audit.detail = message;
    (void)m_services.store.audit().append(audit);
    OperationOutcome outcome;
    outcome.result = ok ? OperationOutcome::Result::Succeeded : OperationOutcome::Result::Failed;
    outcome.error = ok ? QString() : message;
    outcome.answer = QJsonObject{{QStringLiteral("success"), ok}, {QStringLiteral("message"), message}};
    conclude(outcome);
}

} // namespace oc
