#include "finishsteps.h"

#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/mailjob.h"
#include "provisioning/stepnames.h"

namespace oc {

namespace {
const QString &kSave = steps::kSaveConfig;
const QString &kEmail = steps::kSendEmail;
}

void SaveConfigStep::run()
{
    if (!m_ctx.number || !m_ctx.inbound || !m_ctx.outbound || !m_ctx.vapiNumber)
        return fail(QStringLiteral("save_config ran before every resource existed"));
    AiConfig config;
    config.organizationId = m_ctx.org.id;
    config.clientId = m_ctx.org.ownerId;
    config.runId = m_ctx.runId;
    config.inboundAssistantId = m_ctx.inbound->id;
    config.outboundAssistantId = m_ctx.outbound->id;
    config.number = m_ctx.number->phoneNumber;
    config.phoneNumberSid = m_ctx.number->sid;
    config.vapiPhoneNumberId = m_ctx.vapiNumber->id;
    config.twilioAccountSid = m_ctx.services.twilioAccountSid;
    config.vapiOrgId = m_ctx.inbound->orgId;
    config.status = AiConfigStatus::Active;
    config.setupCompleted = true;
    config.assistantVersion = m_ctx.templateVersion;
    config.setupDate = QDateTime::currentDateTimeUtc();
    Store &store = m_ctx.services.store;
    // The config and the journal's "done" commit together, fenced by the lease: either both or neither, and
    // neither once another process has taken the run over.
    auto saved = store.database().transaction([&]() -> Result<void> {
        auto inserted = store.aiConfigs().insert(config);
        if (!inserted)
            return inserted.error();
        return m_ctx.journal.done(kSave, QString::number(inserted.value()));
    });
    if (!saved) {
        (void)m_ctx.journal.load(); // the cache may hold the rolled-back line
        if (saved.error().kind == Error::Kind::Fenced)
            return fenced(saved.error().message); // the new owner decides; nothing of ours was saved
        return fail(QStringLiteral("saving the AI configuration failed: %1").arg(saved.error().message));
    }
    pipeline::Journal::crashPoint(kSave, StepStatus::Done);
    succeed(QStringLiteral("configuration saved"));
}

SendEmailStep::~SendEmailStep() = default;

void SendEmailStep::run()
{
    Mailer *mailer = m_ctx.services.mailer;
    if (!mailer) {
        journaled(m_ctx.journal.failed(kEmail, QStringLiteral("no SMTP server is configured")));
        return fail(QStringLiteral("no SMTP server is configured: the owner was not e-mailed (use Resend e-mail once it is)"));
    }
    ApprovalEmailData data;
    data.organizationName = m_ctx.org.companyName;
    data.ownerName = m_ctx.org.ownerName;
    data.phoneNumber = m_ctx.number ? m_ctx.number->phoneNumber : QString();
    data.inboundAssistantName = m_ctx.inbound ? m_ctx.inbound->name : QString();
    data.inboundAssistantId = m_ctx.inbound ? m_ctx.inbound->id : QString();
    data.outboundAssistantName = m_ctx.outbound ? m_ctx.outbound->name : QString();
    data.outboundAssistantId = m_ctx.outbound ? m_ctx.outbound->id : QString();
    data.setupDate = QDateTime::currentDateTimeUtc();
    auto rendered = EmailRenderer(m_ctx.services.branding).approval(data);
    if (!rendered)
        return fail(rendered.error().message);
    MailMessage message;
    message.fromAddress = m_ctx.services.senderAddress;
    message.fromName = m_ctx.services.branding.companyName;
    message.toAddress = m_ctx.org.ownerEmail;
    message.toName = m_ctx.org.ownerName;
    message.subject = rendered->subject;
    message.textBody = rendered->text;
    message.htmlBody = rendered->html;
    if (!journaled(m_ctx.journal.intent(kEmail, m_ctx.org.ownerEmail, 1)))
        return;
    Q_EMIT progress(QStringLiteral("e-mailing %1").arg(m_ctx.org.ownerEmail), 1);
    m_job = mailer->send(message);
    connect(m_job.get(), &MailJob::finished, this, [this](const MailResult &result) {
        if (!result.ok()) {
            journaled(m_ctx.journal.failed(kEmail, result.message));
            return fail(result.message);
        }
        m_ctx.emailSent = true;
        if (!journaled(m_ctx.journal.done(kEmail, {}, m_ctx.org.ownerEmail)))
            return;
        succeed(QStringLiteral("sent to %1").arg(m_ctx.org.ownerEmail));
    });
}

} // namespace oc
