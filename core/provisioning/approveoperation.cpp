#include "approveoperation.h"

#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/mailjob.h"
#include "pipeline/leaseowner.h"
#include "pipeline/pipelinerunner.h"
#include "pipeline/resourcetags.h"
#include "provisioning/provisioningrecipe.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace oc {

namespace {
constexpr int kLeaseSeconds = 60;
const QString kSuccessMessage = QStringLiteral("Organization verified and AI setup completed successfully");
}

ApproveOperation::ApproveOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode,
                                   QString actor, pipeline::CallLimiter *limiter, QObject *parent)
    : QObject(parent), m_services(services), m_organizationId(organizationId), m_countryCode(countryCode.trimmed().toUpper()),
      m_areaCode(areaCode.trimmed()), m_actor(std::move(actor)), m_limiter(limiter)
{
    m_leaseTimer.setInterval(kLeaseSeconds * 1000 / 3);
    connect(&m_leaseTimer, &QTimer::timeout, this, [this] {
        if (m_context)
            (void)m_services.store.runs().renewLease(m_context->runId, m_leaseOwner,
                                                     QDateTime::currentDateTimeUtc().addSecs(kLeaseSeconds));
    });
}

ApproveOperation::~ApproveOperation() = default;

QString ApproveOperation::runId() const
{
    return m_context ? m_context->runId : QString();
}

void ApproveOperation::start()
{
    QTimer::singleShot(0, this, &ApproveOperation::begin);
}

void ApproveOperation::cancel()
{
    if (m_finished)
        return;
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
}

QJsonObject ApproveOperation::organizationJson() const
{
    auto org = m_services.store.organizations().find(m_organizationId);
    if (!org)
        return {};
    return QJsonObject{{QStringLiteral("id"), QString::number(org->id)},
                       {QStringLiteral("status"), statusName(org->status)},
                       {QStringLiteral("isVerified"), org->isVerified}};
}

void ApproveOperation::begin()
{
    if (m_cancelRequested)
        return finishError(QStringLiteral("AI setup canceled before it started: nothing was set up"));
    static const QRegularExpression country(QStringLiteral("^[A-Z]{2}$"));
    static const QRegularExpression area(QStringLiteral("^[0-9]{2,5}$"));
    if (!country.match(m_countryCode).hasMatch())
        return finishError(QStringLiteral("\"%1\" is not a country code: use two letters such as US or GB").arg(m_countryCode.left(10)));
    if (!m_areaCode.isEmpty() && !area.match(m_areaCode).hasMatch())
        return finishError(QStringLiteral("\"%1\" is not an area code: use its digits, such as 510").arg(m_areaCode.left(10)));
    Store &store = m_services.store;
    auto org = store.organizations().find(m_organizationId);
    if (!org)
        return finishError(org.error().message);
    if (org->status == OrgStatus::Rejected || org->status == OrgStatus::Suspended)
        return finishError(QStringLiteral("organization %1 is %2: only pending organizations can be approved")
                               .arg(m_organizationId).arg(statusName(org->status)));
    if (org->status == OrgStatus::Pending) {
        auto verified = store.organizations().setStatus(m_organizationId, OrgStatus::Verified, OrgStatus::Pending);
        if (!verified && verified.error().kind != Error::Kind::Conflict)
            return finishError(verified.error().message);
    }
    // An existing complete configuration is returned as it is: approving twice buys nothing.
    if (auto existing = store.aiConfigs().findByOrganization(m_organizationId); existing && existing->setupCompleted) {
        QJsonObject data{{QStringLiteral("phoneNumber"), existing->number},
                         {QStringLiteral("assistants"), QJsonObject{{QStringLiteral("inbound"), QJsonObject{{QStringLiteral("id"), existing->inboundAssistantId}}},
                                                                    {QStringLiteral("outbound"), QJsonObject{{QStringLiteral("id"), existing->outboundAssistantId}}}}},
                         {QStringLiteral("existing"), true}};
        return finishWith(true, QJsonObject{{QStringLiteral("success"), true},
                                            {QStringLiteral("message"), QStringLiteral("Organization already verified; existing AI setup returned")},
                                            {QStringLiteral("data"), QJsonObject{{QStringLiteral("organization"), organizationJson()},
                                                                                {QStringLiteral("aiSetup"), QJsonObject{{QStringLiteral("success"), true},
                                                                                                                        {QStringLiteral("data"), data}}}}}});
    }
    ProvisioningRun run;
    run.id = pipeline::ResourceTags::newRunId();
    run.organizationId = m_organizationId;
    run.kind = m_kind;
    run.status = RunStatus::Running;
    run.countryCode = m_countryCode;
    run.areaCode = m_areaCode;
    run.actor = m_actor;
    m_leaseOwner = pipeline::LeaseOwner::current().toString();
    run.leaseOwner = m_leaseOwner;
    run.leaseExpiresAt = QDateTime::currentDateTimeUtc().addSecs(kLeaseSeconds);
    auto created = store.runs().create(run);
    if (!created)
        return finishError(created.error().message);
    // Holding the organization's one live run now, look again: another console may have completed a setup
    // between the check above and our run. Then nothing is bought: its setup is returned.
    if (auto existing = store.aiConfigs().findByOrganization(m_organizationId); existing && existing->setupCompleted) {
        run.status = RunStatus::Canceled;
        run.finishedAt = QDateTime::currentDateTimeUtc();
        run.error = QStringLiteral("already set up by run %1").arg(existing->runId);
        (void)store.runs().updateOutcome(run);
        return begin();
    }
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), run.id, m_countryCode, m_areaCode);
    m_runner = std::make_unique<pipeline::PipelineRunner>(run.id, provisioningRecipe(*m_context), m_limiter);
    if (!takeOver()) {
        run.status = RunStatus::RolledBack;
        run.finishedAt = QDateTime::currentDateTimeUtc();
        run.error = QStringLiteral("could not journal the resources taken over from run %1").arg(m_adopted.fromRunId);
        (void)store.runs().updateOutcome(run);
        (void)store.runs().releaseLease(run.id, m_leaseOwner);
        return finishError(run.error);
    }
    connect(m_runner.get(), &pipeline::PipelineRunner::stepEvent, this, &ApproveOperation::stepEvent);
    connect(m_runner.get(), &pipeline::PipelineRunner::finished, this, &ApproveOperation::onRunFinished);
    m_leaseTimer.start();
    qCInfo(lcPipeline) << "run" << run.id << "approving organization" << m_organizationId;
    m_runner->start();
}

// The resources an earlier run left and this one adopts: in the context, in this run's journal as done, and
// marked done in the runner (so they are undone, by id, if this run fails).
bool ApproveOperation::takeOver()
{
    if (m_adopted.isEmpty())
        return true;
    ProvisioningContext &ctx = *m_context;
    pipeline::Journal &journal = ctx.journal;
    const QString detail = QStringLiteral("adopted from run %1").arg(m_adopted.fromRunId);
    auto write = [&](const QString &step, const QString &tag, const QString &id, const QString &what) {
        return journal.intent(step, tag, 0).ok() && journal.done(step, id, what).ok();
    };
    if (m_adopted.number) {
        ctx.number = m_adopted.number;
        if (!journal.done(QStringLiteral("search_number"), {}, detail).ok()
            || !write(QStringLiteral("buy_number"), m_adopted.number->phoneNumber, m_adopted.number->sid, m_adopted.number->phoneNumber))
            return false;
    }
    if (m_adopted.inbound) {
        ctx.inbound = m_adopted.inbound;
        if (!write(QStringLiteral("create_inbound_assistant"), QStringLiteral("role=inbound"), m_adopted.inbound->id, m_adopted.inbound->name))
            return false;
    }
    if (m_adopted.outbound) {
        ctx.outbound = m_adopted.outbound;
        if (!write(QStringLiteral("create_outbound_assistant"), QStringLiteral("role=outbound"), m_adopted.outbound->id,
                   m_adopted.outbound->name))
            return false;
    }
    if (m_adopted.vapiNumber && m_adopted.number && m_adopted.inbound) {
        ctx.vapiNumber = m_adopted.vapiNumber;
        if (!write(QStringLiteral("register_number"), m_adopted.number->phoneNumber, m_adopted.vapiNumber->id, m_adopted.vapiNumber->number))
            return false;
    }
    for (const QString &step : m_adopted.steps()) {
        if (step != QLatin1String("register_number") || ctx.vapiNumber)
            m_runner->markAlreadyDone(step);
    }
    qCInfo(lcPipeline) << "run" << ctx.runId << detail << m_adopted.steps();
    return true;
}

void ApproveOperation::onRunFinished()
{
    m_leaseTimer.stop();
    Store &store = m_services.store;
    ProvisioningRun run;
    run.id = m_context->runId;
    run.organizationId = m_organizationId;
    const pipeline::RunResult result = m_runner->result();
    run.status = result == pipeline::RunResult::Succeeded        ? RunStatus::Succeeded
                 : result == pipeline::RunResult::Canceled       ? RunStatus::Canceled
                 : result == pipeline::RunResult::NeedsAttention ? RunStatus::NeedsAttention
                                                                : RunStatus::RolledBack;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.setupTimeMs = m_runner->setupTimeMs();
    run.failedStep = m_runner->failedStep();
    QStringList problems;
    if (!m_runner->error().isEmpty())
        problems << m_runner->error();
    problems += m_runner->leftovers();
    problems += m_runner->warnings();
    run.error = problems.join(QStringLiteral("; "));
    if (auto r = store.runs().updateOutcome(run); !r)
        qCWarning(lcPipeline) << "could not record the end of run" << run.id << r.error().message;
    (void)store.runs().releaseLease(run.id, m_leaseOwner);

    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("org.") + m_kind;
    audit.organizationId = m_organizationId;
    audit.runId = run.id;
    if (m_context->number)
        audit.externalIds << m_context->number->sid << m_context->number->phoneNumber;
    if (m_context->inbound)
        audit.externalIds << m_context->inbound->id;
    if (m_context->outbound)
        audit.externalIds << m_context->outbound->id;
    if (m_context->vapiNumber)
        audit.externalIds << m_context->vapiNumber->id;
    audit.outcome = statusName(run.status);
    audit.detail = run.error;
    (void)store.audit().append(audit);

    if (result != pipeline::RunResult::Succeeded)
        return sendFailureEmail();
    const auto &c = *m_context;
    QJsonObject assistants{{QStringLiteral("inbound"), QJsonObject{{QStringLiteral("id"), c.inbound->id}, {QStringLiteral("name"), c.inbound->name}}},
                           {QStringLiteral("outbound"), QJsonObject{{QStringLiteral("id"), c.outbound->id}, {QStringLiteral("name"), c.outbound->name}}}};
    QJsonObject aiSetup{{QStringLiteral("success"), true},
                        {QStringLiteral("setupTime"), QStringLiteral("%1ms").arg(run.setupTimeMs.value_or(0))},
                        {QStringLiteral("data"), QJsonObject{{QStringLiteral("phoneNumber"), c.number->phoneNumber},
                                                             {QStringLiteral("assistants"), assistants},
                                                             {QStringLiteral("emailSent"), c.emailSent}}}};
    if (!m_runner->warnings().isEmpty())
        aiSetup.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m_runner->warnings()));
    if (!m_adopted.isEmpty())
        aiSetup.insert(QStringLiteral("resumed"), QJsonObject{{QStringLiteral("fromRun"), m_adopted.fromRunId},
                                                              {QStringLiteral("reused"), QJsonArray::fromStringList(m_adopted.steps())}});
    finishWith(true, QJsonObject{{QStringLiteral("success"), true},
                                 {QStringLiteral("message"), kSuccessMessage},
                                 {QStringLiteral("data"), QJsonObject{{QStringLiteral("organization"), organizationJson()},
                                                                     {QStringLiteral("aiSetup"), aiSetup}}}});
}

void ApproveOperation::sendFailureEmail()
{
    // Canceled: by cancel(), or — a run that was canceled and could not undo everything — needs attention.
    const bool canceled = m_runner->result() == pipeline::RunResult::Canceled || (m_cancelRequested && m_runner->failedStep().isEmpty());
    const auto finishFailed = [this, canceled](bool emailSent) {
        QJsonObject aiSetup{{QStringLiteral("success"), false},
                            {QStringLiteral("status"), m_runner->result() == pipeline::RunResult::NeedsAttention
                                                           ? QStringLiteral("needs_attention") : pipeline::resultName(m_runner->result())},
                            {QStringLiteral("failedStep"), m_runner->failedStep()},
                            {QStringLiteral("error"), m_runner->error()},
                            {QStringLiteral("leftovers"), QJsonArray::fromStringList(m_runner->leftovers())},
                            {QStringLiteral("failureEmailSent"), emailSent}};
        if (canceled)
            aiSetup.insert(QStringLiteral("canceled"), true);
        const QString leftovers = m_runner->leftovers().join(QStringLiteral("; "));
        const QString error = !canceled ? QStringLiteral("AI setup failed at %1: %2").arg(m_runner->failedStep(), m_runner->error())
                              : leftovers.isEmpty()
                                  ? QStringLiteral("AI setup canceled: everything it had set up was undone")
                                  : QStringLiteral("AI setup canceled, but not everything could be undone (%1): run orgctl cleanup %2")
                                        .arg(leftovers).arg(m_organizationId);
        finishWith(false, QJsonObject{{QStringLiteral("success"), false},
                                      {QStringLiteral("message"), canceled ? QStringLiteral("Organization verified but AI setup was canceled")
                                                                           : QStringLiteral("Organization verified but AI setup failed")},
                                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("organization"), organizationJson()},
                                                                          {QStringLiteral("aiSetup"), aiSetup}}}},
                   error);
    };
    if (!m_services.mailer || canceled)
        return finishFailed(false);
    FailureEmailData data{m_context->org.companyName, m_context->org.ownerName, m_runner->failedStep(), m_runner->error(),
                          QDateTime::currentDateTimeUtc()};
    auto rendered = EmailRenderer(m_services.branding).failure(data);
    if (!rendered)
        return finishFailed(false);
    MailMessage message{m_services.senderAddress, m_services.branding.companyName, m_context->org.ownerEmail,
                        m_context->org.ownerName, rendered->subject, rendered->text, rendered->html};
    m_failureMail = m_services.mailer->send(message);
    connect(m_failureMail.get(), &MailJob::finished, this, [finishFailed](const MailResult &r) { finishFailed(r.ok()); });
}

void ApproveOperation::finishError(const QString &error)
{
    finishWith(false, QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("message"), error}}, error);
}

void ApproveOperation::finishWith(bool ok, QJsonObject result, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_ok = ok;
    m_result = std::move(result);
    m_error = error;
    Q_EMIT finished();
}

} // namespace oc
