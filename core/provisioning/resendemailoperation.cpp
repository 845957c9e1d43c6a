#include "resendemailoperation.h"

#include "domain/auditrecord.h"
#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/mailjob.h"
#include "vapi/assistantname.h"

#include <QTimer>

namespace oc {

ResendEmailOperation::ResendEmailOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent)
    : QObject(parent), m_services(services), m_organizationId(organizationId), m_actor(std::move(actor))
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
        MailMessage message{m_services.senderAddress, m_services.branding.companyName, org->ownerEmail, org->ownerName,
                            rendered->subject, rendered->text, rendered->html};
        m_job = m_services.mailer->send(message);
        connect(m_job.get(), &MailJob::finished, this, [this](const MailResult &r) {
            finish(r.ok(), r.ok() ? tr("Approval e-mail sent to %1").arg(m_to) : r.message);
        });
    });
}

void ResendEmailOperation::finish(bool ok, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_ok = ok;
    m_error = ok ? QString() : message;
    m_result = QJsonObject{{QStringLiteral("success"), ok}, {QStringLiteral("message"), message}};
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("email.resend");
    audit.organizationId = m_organizationId;
    audit.outcome = ok ? QStringLiteral("sent") : QStringLiteral("failed");
    audit.detail = message;
    (void)m_services.store.audit().append(audit);
    Q_EMIT finished();
}

} // namespace oc
