#include "approveoperation.h"

#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/mailjob.h"
#include "pipeline/leaseowner.h"
#include "pipeline/pipelinerunner.h"
#include "pipeline/resourcetags.h"
#include "provisioning/compliancecheck.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/runsession.h"
#include "provisioning/stepnames.h"
#include "twilio/twilioclient.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace oc {

namespace {
const QString kSuccessMessage = QStringLiteral("Organization verified and AI setup completed successfully");
}

QString customerSafeReason(const QString &failedStep)
{
    // The owner reads this: which part failed, in words, never a vendor's body or our internals (those stay in
    // the journal, scrubbed).
    if (failedStep == QLatin1String("search_number") || failedStep == QLatin1String("buy_number"))
        return QStringLiteral("We could not get a phone number for you in the area you chose.");
    if (failedStep == QLatin1String("create_inbound_assistant") || failedStep == QLatin1String("create_outbound_assistant"))
        return QStringLiteral("We could not create your voice assistants.");
    if (failedStep == QLatin1String("register_number"))
        return QStringLiteral("We could not connect your phone number to your voice assistant.");
    if (failedStep == QLatin1String("save_config"))
        return QStringLiteral("We could not save your AI configuration.");
    return QStringLiteral("A step of the setup did not complete.");
}

Result<std::optional<AiConfig>> precheckApproval(Store &store, qint64 organizationId, const QString &countryCode,
                                                 const QString &areaCode, const QString &kind)
{
    if (auto allowed = store.access().require(DbAction::Approve); !allowed) // before anything is written or queued
        return allowed.error();
    static const QRegularExpression country(QStringLiteral("^[A-Z]{2}$"));
    static const QRegularExpression area(QStringLiteral("^[0-9]{2,5}$"));
    // Outside NANP Twilio searches by prefix (Contains) or city (InLocality): TwilioClient::locationFilter.
    static const QRegularExpression place(QStringLiteral(R"(^(\+?[0-9]{1,15}|\p{L}[\p{L} .'\-]{1,59})$)"));
    if (!country.match(countryCode).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a country code: use two letters such as US or GB").arg(countryCode.left(10)));
    if (TwilioClient::searchesByAreaCode(countryCode)) {
        if (!areaCode.isEmpty() && !area.match(areaCode).hasMatch())
            return Error::invalid(QStringLiteral("\"%1\" is not an area code: use its digits, such as 510").arg(areaCode.left(10)));
    } else if (!areaCode.isEmpty() && !place.match(areaCode).hasMatch()) {
        return Error::invalid(QStringLiteral("\"%1\" is not a prefix or a city: use digits such as +4930 or 30, or a city such as Berlin")
                                  .arg(areaCode.left(20)));
    }
    auto org = store.organizations().find(organizationId);
    if (!org)
        return org.error();
    if (org->status == OrgStatus::Rejected || org->status == OrgStatus::Suspended)
        return Error::conflict(QStringLiteral("organization %1 is %2: only pending organizations can be approved")
                                   .arg(organizationId).arg(statusName(org->status)));
    if (org->status == OrgStatus::Pending) {
        auto verified = store.organizations().setStatus(organizationId, OrgStatus::Verified, OrgStatus::Pending);
        if (!verified && verified.error().kind != Error::Kind::Conflict)
            return verified.error();
    }
    if (auto existing = store.aiConfigs().findByOrganization(organizationId); existing && existing->setupCompleted)
        return std::optional<AiConfig>(existing.value());
    // What an earlier run left behind must be resolved first — retried (which takes it over) or cleaned up —
    // never buried under a fresh setup beside it.
    if (kind == QLatin1String("approve")) {
        auto runs = store.runs().forOrganization(organizationId);
        if (!runs)
            return runs.error();
        for (const ProvisioningRun &r : runs.value()) {
            if (r.status == RunStatus::NeedsAttention)
                return Error::conflict(QStringLiteral("organization %1 has a setup that needs attention (run %2) — retry or clean up first")
                                           .arg(organizationId).arg(r.id));
        }
    }
    return std::optional<AiConfig>{};
}

Result<QueuedApproval> queueApproval(Store &store, qint64 organizationId, const QString &countryCode, const QString &areaCode,
                                     const QString &actor, const ComplianceRequest &compliance)
{
    const QString cc = countryCode.trimmed().toUpper();
    const QString area = areaCode.trimmed();
    auto checked = precheckApproval(store, organizationId, cc, area, QStringLiteral("approve"));
    if (!checked)
        return checked.error();
    QueuedApproval queued;
    if (checked->has_value()) {
        queued.existing = checked->value();
        return queued;
    }
    ProvisioningRun run;
    run.id = pipeline::ResourceTags::newRunId();
    run.organizationId = organizationId;
    run.kind = QStringLiteral("approve");
    run.status = RunStatus::Queued;
    run.countryCode = cc;
    run.areaCode = area;
    run.actor = actor;
    if (!compliance.bundleSid.isEmpty())
        run.params.insert(QStringLiteral("bundleSid"), compliance.bundleSid);
    if (!compliance.addressSid.isEmpty())
        run.params.insert(QStringLiteral("addressSid"), compliance.addressSid);
    auto done = store.database().transaction([&]() -> Result<void> {
        if (auto r = store.runs().enqueue(run); !r)
            return r;
        AuditRecord a;
        a.actor = actor;
        a.action = QStringLiteral("org.queue");
        a.organizationId = organizationId;
        a.runId = run.id;
        a.outcome = QStringLiteral("queued");
        a.detail = QStringLiteral("%1 %2").arg(cc, area).trimmed();
        if (auto r = store.audit().append(a); !r)
            return r.error();
        return {};
    });
    if (!done)
        return done.error();
    queued.runId = run.id;
    return queued;
}

ApproveOperation::ApproveOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode,
                                   QString actor, pipeline::CallLimiter *limiter, QObject *parent)
    : Operation(parent), m_services(services), m_organizationId(organizationId), m_countryCode(countryCode.trimmed().toUpper()),
      m_areaCode(areaCode.trimmed()), m_actor(std::move(actor)), m_limiter(limiter ? limiter : services.limiter)
{
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

void ApproveOperation::useRun(std::unique_ptr<RunSession> session)
{
    m_session = std::move(session);
    followCancelRequests();
}

void ApproveOperation::followCancelRequests()
{
    // Another process (a console, orgctl cancel) asked through the database: cancel as if asked here.
    connect(m_session.get(), &RunSession::cancelRequested, this, &ApproveOperation::cancel);
}

void ApproveOperation::resume(std::unique_ptr<RunSession> session)
{
    m_session = std::move(session);
    followCancelRequests();
    m_resuming = true;
    const ProvisioningRun &run = m_session->run();
    m_organizationId = run.organizationId;
    m_kind = run.kind;
    m_countryCode = run.countryCode;
    m_areaCode = run.areaCode;
    connect(m_session.get(), &RunSession::lost, this, [this](const QString &message) {
        if (m_runner && !m_runner->isFinished())
            return m_runner->halt(message);
        if (!m_runner)
            finishFenced(message); // lost while looking: nothing was sent
    });
    QTimer::singleShot(0, this, &ApproveOperation::beginResume);
}

void ApproveOperation::cancel()
{
    if (isFinished())
        return;
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
}

void ApproveOperation::handBack()
{
    if (isFinished() || !m_session || m_session->isLost())
        return;
    qCInfo(lcPipeline) << "run" << runId() << "handed back: another worker or console finishes it";
    m_session->handBack();
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
        return finishError(QStringLiteral("AI setup canceled before it started: nothing was set up"), Error::Kind::Other);
    Store &store = m_services.store;
    auto checked = precheckApproval(store, m_organizationId, m_countryCode, m_areaCode, m_kind);
    if (!checked)
        return finishError(checked.error().message, checked.error().kind);
    // An existing complete configuration is returned as it is: approving twice buys nothing.
    if (const auto &existing = checked.value(); existing) {
        if (m_session && !m_session->isLost() && isLive(m_session->run().status)) // a claimed queued run: nothing to do
            (void)m_session->end(RunStatus::Canceled, QStringLiteral("already set up by run %1").arg(existing->runId), m_actor,
                                 QStringLiteral("org.") + m_kind);
        OperationOutcome outcome;
        outcome.result = OperationOutcome::Result::Succeeded;
        outcome.setup = CompletedSetup{existing->number, existing->inboundAssistantId, {}, existing->outboundAssistantId, {}, std::nullopt, true};
        return finishWith(outcome);
    }
    // A queued run carries the bundle and address it was queued with.
    if (m_session && m_complianceRequest.isEmpty()) {
        const QJsonObject &params = m_session->run().params;
        const QString bundle = params.value(QLatin1String("bundleSid")).toString();
        const QString address = params.value(QLatin1String("addressSid")).toString();
        if (!bundle.isEmpty() || !address.isEmpty())
            m_complianceRequest = ComplianceRequest{bundle, address};
    }
    // Outside NANP, which bundle and address the purchase carries is settled before anything is held or bought.
    if (!m_compliance)
        return checkCompliance([this] { begin(); }, true);
    auto org = store.organizations().find(m_organizationId);
    if (!org)
        return finishError(org.error().message, org.error().kind);
    // The assistants are made from the template version current now (recorded with the run, so a recoverer
    // finishing it makes the same).
    if (!m_template) {
        auto current = currentTemplate();
        if (!current)
            return finishError(current.error().message, current.error().kind);
        m_template = current.value();
    }
    ProvisioningRun run;
    if (m_session) { // given by the caller (a retry, a claimed queued run): already ours
        run = m_session->run();
        // What a recoverer must make the same: recorded before anything is bought.
        QJsonObject params = run.params;
        const QJsonObject chosen = runParams();
        for (auto it = chosen.begin(); it != chosen.end(); ++it)
            params.insert(it.key(), it.value());
        if (params != run.params) {
            if (auto saved = m_services.store.runs().setParams(run.id, params, m_session->fence()); !saved) {
                if (saved.error().kind == Error::Kind::Fenced)
                    return finishFenced(saved.error().message);
                return finishError(saved.error().message, saved.error().kind);
            }
            run.params = params;
        }
    } else {
        run.id = pipeline::ResourceTags::newRunId();
        run.organizationId = m_organizationId;
        run.kind = m_kind;
        run.status = RunStatus::Running;
        run.countryCode = m_countryCode;
        run.areaCode = m_areaCode;
        run.actor = m_actor;
        run.params = runParams();
        auto session = RunSession::create(m_services, run);
        if (!session)
            return finishError(session.error().message, session.error().kind);
        m_session = std::move(session).value();
        followCancelRequests();
    }
    const auto audit = [&](const QString &outcome, const QString &detail) {
        AuditRecord a;
        a.actor = m_actor;
        a.action = QStringLiteral("org.") + m_kind;
        a.organizationId = m_organizationId;
        a.runId = run.id;
        a.outcome = outcome;
        a.detail = detail;
        return a;
    };
    // Holding the organization's one live run now, look again: another console may have completed a setup
    // between the check above and our run. Then nothing is bought: its setup is returned.
    if (auto existing = store.aiConfigs().findByOrganization(m_organizationId); existing && existing->setupCompleted) {
        run.status = RunStatus::Canceled;
        run.finishedAt = QDateTime::currentDateTimeUtc();
        run.error = QStringLiteral("already set up by run %1").arg(existing->runId);
        (void)m_session->finish(run, audit(statusName(run.status), run.error));
        m_session.reset();
        return begin();
    }
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), run.id, m_countryCode, m_areaCode);
    m_context->compliance = m_compliance;
    useTemplate(*m_context);
    m_context->journal.setLease(&m_session->lease());
    m_runner = std::make_unique<pipeline::PipelineRunner>(run.id, provisioningRecipe(*m_context), m_limiter);
    if (!takeOver()) {
        run.status = RunStatus::RolledBack;
        run.finishedAt = QDateTime::currentDateTimeUtc();
        run.error = QStringLiteral("could not journal the resources taken over from run %1").arg(m_adopted.fromRunId);
        if (m_session->isLost())
            return finishFenced(m_session->lease().stoppedMessage());
        (void)m_session->finish(run, audit(statusName(run.status), run.error));
        return finishError(run.error);
    }
    qCInfo(lcPipeline) << "run" << run.id << "approving organization" << m_organizationId;
    startRunner();
}

void ApproveOperation::beginResume()
{
    if (isFinished())
        return;
    const ProvisioningRun run = m_session->run();
    auto org = m_services.store.organizations().find(m_organizationId);
    if (!org) {
        m_session->handBack();
        return finishError(org.error().message, org.error().kind);
    }
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), run.id, m_countryCode, m_areaCode);
    m_context->startedAt = run.startedAt;
    m_context->journal.setLease(&m_session->lease());
    if (auto loaded = m_context->journal.load(); !loaded) {
        m_session->handBack();
        return finishError(loaded.error().message, loaded.error().kind);
    }
    // What the interrupted process was asked and chose, from the run: the template version it created with, the
    // bundle and address its purchase carries.
    const qint64 version = run.params.value(QLatin1String("templateVersion")).toInteger();
    auto chosen = version > 0 ? m_services.store.assistantTemplates().find(version) : currentTemplate();
    if (!chosen) {
        m_session->handBack();
        return finishError(chosen.error().message, chosen.error().kind);
    }
    m_template = chosen.value();
    useTemplate(*m_context);
    const QString bundle = run.params.value(QLatin1String("bundleSid")).toString();
    const QString address = run.params.value(QLatin1String("addressSid")).toString();
    if (m_complianceRequest.isEmpty() && (!bundle.isEmpty() || !address.isEmpty()))
        m_complianceRequest = ComplianceRequest{bundle, address};
    // A create the interrupted process sent may still land: look once the late-create grace has passed since
    // the last call whose outcome the journal leaves open, so it is found and kept rather than made twice.
    QDateTime lastOpen;
    for (const QString &name : {steps::kBuyNumber, steps::kCreateInbound, steps::kCreateOutbound, steps::kRegisterNumber}) {
        const auto step = m_context->journal.step(name);
        if (step && (step->status == StepStatus::Intent || step->status == StepStatus::Unknown || step->status == StepStatus::Running)) {
            const QDateTime at = step->updatedAt.isValid() ? step->updatedAt : step->startedAt;
            if (at.isValid() && (!lastOpen.isValid() || at > lastOpen))
                lastOpen = at;
        }
    }
    qint64 waitMs = 0;
    if (lastOpen.isValid())
        waitMs = std::clamp<qint64>(qint64(m_services.lateCreateGrace.count()) - lastOpen.msecsTo(QDateTime::currentDateTimeUtc()), 0,
                                    qint64(m_services.lateCreateGrace.count()));
    qCInfo(lcPipeline) << "run" << run.id << "resuming; looking at what it made in" << waitMs << "ms";
    QTimer::singleShot(std::chrono::milliseconds(waitMs), this, [this, id = run.id] {
        if (isFinished())
            return;
        m_check = std::make_unique<LeftoverCheck>(m_services, id);
        connect(m_check.get(), &LeftoverCheck::finished, this, &ApproveOperation::continueResume);
        m_check->start();
    });
}

void ApproveOperation::continueResume()
{
    if (isFinished())
        return;
    // Resolved again from what the run records (the bundle and address it was given or chose), else the defaults
    // and the first that fits. A refusal here does not stop the run — a purchase without what Twilio needs fails
    // cleanly and rolls back.
    if (!m_compliance)
        return checkCompliance([this] { continueResume(); }, false);
    m_context->compliance = m_compliance;
    m_adopted = m_check->result();
    m_runner = std::make_unique<pipeline::PipelineRunner>(m_context->runId, provisioningRecipe(*m_context), m_limiter);
    if (!takeOver()) {
        if (m_session->isLost())
            return finishFenced(m_session->lease().stoppedMessage());
        m_session->handBack();
        return finishError(QStringLiteral("could not journal what run %1 had already set up").arg(m_context->runId));
    }
    startRunner();
    if (m_cancelRequested)
        m_runner->cancel();
}

Result<AssistantTemplateVersion> ApproveOperation::currentTemplate()
{
    return m_services.store.assistantTemplates().current(m_services.assistantTemplate, m_actor);
}

void ApproveOperation::useTemplate(ProvisioningContext &context) const
{
    if (!m_template)
        return;
    context.assistantTemplate = m_template->body;
    context.templateVersion = m_template->version;
}

QJsonObject ApproveOperation::runParams() const
{
    QJsonObject params;
    if (m_template)
        params.insert(QStringLiteral("templateVersion"), m_template->version);
    if (m_compliance && !m_compliance->bundleSid().isEmpty())
        params.insert(QStringLiteral("bundleSid"), m_compliance->bundleSid());
    if (m_compliance && !m_compliance->addressSid().isEmpty())
        params.insert(QStringLiteral("addressSid"), m_compliance->addressSid());
    return params;
}

void ApproveOperation::setCompliance(ComplianceRequest request)
{
    m_complianceRequest = std::move(request);
}

void ApproveOperation::checkCompliance(std::function<void()> then, bool refuse)
{
    if (TwilioClient::searchesByAreaCode(m_countryCode)) { // NANP: nothing to ask, nothing to wait for
        m_compliance = ComplianceChoice{};
        m_compliance->isoCountry = m_countryCode;
        return then();
    }
    m_complianceCheck = std::make_unique<ComplianceCheck>(m_services, m_countryCode, m_complianceRequest);
    connect(m_complianceCheck.get(), &ComplianceCheck::finished, this, [this, then = std::move(then), refuse] {
        std::unique_ptr<ComplianceCheck> check = std::move(m_complianceCheck);
        check->disconnect(this);
        const Result<ComplianceChoice> result = check->result();
        check.release()->deleteLater();
        if (isFinished())
            return;
        if (result) {
            m_compliance = result.value();
        } else if (refuse) {
            return finishError(result.error().message, result.error().kind);
        } else {
            qCWarning(lcPipeline).noquote() << "run" << runId() << "compliance:" << result.error().message;
            m_compliance = ComplianceChoice{};
            m_compliance->isoCountry = m_countryCode;
        }
        then();
    });
    m_complianceCheck->start();
}

void ApproveOperation::startRunner()
{
    connect(m_runner.get(), &pipeline::PipelineRunner::stepEvent, this, &ApproveOperation::stepEvent);
    connect(m_runner.get(), &pipeline::PipelineRunner::finished, this, &ApproveOperation::onRunFinished);
    connect(m_runner.get(), &pipeline::PipelineRunner::rollingBack, this, [this] {
        // On record before the first undo: a process that recovers this run after a crash rolls it back too.
        ProvisioningRun moving = m_session->run();
        moving.status = RunStatus::Compensating;
        (void)m_session->update(moving);
    });
    if (!m_resuming) {
        connect(m_session.get(), &RunSession::lost, this, [this](const QString &message) {
            if (m_runner && !m_runner->isFinished())
                m_runner->halt(message);
        });
    }
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
    const bool sameRun = m_adopted.fromRunId == ctx.runId;
    const QString detail = sameRun ? QStringLiteral("still there when the run was resumed")
                                   : QStringLiteral("adopted from run %1").arg(m_adopted.fromRunId);
    // Journaled straight as done with its id: nothing is sent, so there is no intent to record — and a line
    // that names the resource only by a tag (an intent) would not find it again, since it carries the tag of
    // the run that made it. A resumed run's own journal may already say done with this id: then it stays.
    auto write = [&](const QString &step, const QString &, const QString &id, const QString &what) {
        if (sameRun) {
            const auto line = journal.step(step);
            if (line && line->status == StepStatus::Done && line->externalId == id)
                return true;
        }
        return journal.done(step, id, what).ok();
    };
    if (m_adopted.number) {
        ctx.number = m_adopted.number;
        // The number first: from this line on it is this run's.
        if (!write(steps::kBuyNumber, m_adopted.number->phoneNumber, m_adopted.number->sid, m_adopted.number->phoneNumber))
            return false;
        const auto search = journal.step(steps::kSearchNumber);
        if ((!search || search->status != StepStatus::Done) && !journal.done(steps::kSearchNumber, {}, detail).ok())
            return false;
    }
    if (m_adopted.inbound) {
        ctx.inbound = m_adopted.inbound;
        if (!write(steps::kCreateInbound, QStringLiteral("role=inbound"), m_adopted.inbound->id, m_adopted.inbound->name))
            return false;
    }
    if (m_adopted.outbound) {
        ctx.outbound = m_adopted.outbound;
        if (!write(steps::kCreateOutbound, QStringLiteral("role=outbound"), m_adopted.outbound->id, m_adopted.outbound->name))
            return false;
    }
    if (m_adopted.vapiNumber && m_adopted.number && m_adopted.inbound) {
        ctx.vapiNumber = m_adopted.vapiNumber;
        if (!write(steps::kRegisterNumber, m_adopted.number->phoneNumber, m_adopted.vapiNumber->id, m_adopted.vapiNumber->number))
            return false;
    }
    for (const QString &step : m_adopted.steps()) {
        if (step != steps::kRegisterNumber || ctx.vapiNumber)
            m_runner->markAlreadyDone(step);
    }
    qCInfo(lcPipeline) << "run" << ctx.runId << detail << m_adopted.steps();
    return true;
}

void ApproveOperation::onRunFinished()
{
    if (m_runner->result() == pipeline::RunResult::Fenced)
        return finishFenced(m_session->lease().stoppedMessage());
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

    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = m_resuming ? QStringLiteral("run.recover") : QStringLiteral("org.") + m_kind;
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
    // The outcome and its audit record commit together, only while this process still holds the run.
    if (auto ended = m_session->finish(run, audit); !ended && ended.error().kind == Error::Kind::Fenced)
        return finishFenced(m_session->lease().stoppedMessage());
    if (result != pipeline::RunResult::Succeeded)
        return sendFailureEmail(run.status);
    const auto &c = *m_context;
    OperationOutcome outcome;
    outcome.result = OperationOutcome::Result::Succeeded;
    outcome.runId = run.id;
    outcome.runStatus = run.status;
    outcome.warnings = m_runner->warnings();
    outcome.emailSent = c.emailSent;
    outcome.setup = CompletedSetup{c.number->phoneNumber, c.inbound->id, c.inbound->name, c.outbound->id, c.outbound->name,
                                 run.setupTimeMs.value_or(0), false};
    if (!m_adopted.isEmpty()) {
        outcome.resumedFrom = m_adopted.fromRunId;
        outcome.resumed = m_adopted.steps();
    }
    finishWith(outcome);
}

void ApproveOperation::sendFailureEmail(RunStatus status)
{
    // Canceled: by cancel(), or — a run that was canceled and could not undo everything — needs attention.
    const bool canceled = m_runner->result() == pipeline::RunResult::Canceled || (m_cancelRequested && m_runner->failedStep().isEmpty());
    const auto finishFailed = [this, canceled, status](bool emailSent) {
        OperationOutcome outcome;
        outcome.result = canceled ? OperationOutcome::Result::Canceled : OperationOutcome::Result::Failed;
        outcome.runId = m_context->runId;
        outcome.runStatus = status;
        outcome.failedStep = m_runner->failedStep();
        outcome.stepError = m_runner->error();
        outcome.leftovers = m_runner->leftovers();
        outcome.emailSent = emailSent;
        const QString leftovers = outcome.leftovers.join(QStringLiteral("; "));
        outcome.error = !canceled ? QStringLiteral("AI setup failed at %1: %2").arg(outcome.failedStep, outcome.stepError)
                        : leftovers.isEmpty()
                            ? QStringLiteral("AI setup canceled: everything it had set up was undone")
                            : QStringLiteral("AI setup canceled, but not everything could be undone (%1): run orgctl cleanup %2")
                                  .arg(leftovers).arg(m_organizationId);
        finishWith(outcome);
    };
    if (!m_services.mailer || canceled)
        return finishFailed(false);
    FailureEmailData data{m_context->org.companyName, m_context->org.ownerName, m_runner->failedStep(),
                          customerSafeReason(m_runner->failedStep()), QDateTime::currentDateTimeUtc()};
    auto rendered = EmailRenderer(m_services.branding).failure(data);
    if (!rendered)
        return finishFailed(false);
    MailMessage message{m_services.senderAddress, m_services.branding.companyName, m_context->org.ownerEmail,
                        m_context->org.ownerName, rendered->subject, rendered->text, rendered->html};
    m_failureMail = m_services.mailer->send(message);
    connect(m_failureMail.get(), &MailJob::finished, this, [finishFailed](const MailResult &r) { finishFailed(r.ok()); });
}

void ApproveOperation::finishError(const QString &error, Error::Kind kind)
{
    // A run the caller gave us (useRun) that never got going ends here, with nothing set up.
    if (m_session && !m_runner && !m_resuming && !m_session->isLost() && isLive(m_session->run().status))
        (void)m_session->end(RunStatus::Canceled, error, m_actor, QStringLiteral("org.") + m_kind);
    finishWith(OperationOutcome::failed(error, kind));
}

void ApproveOperation::finishFenced(const QString &message)
{
    OperationOutcome outcome;
    outcome.result = OperationOutcome::Result::TakenOver;
    outcome.runId = runId();
    outcome.error = message;
    finishWith(outcome);
}

void ApproveOperation::finishWith(OperationOutcome outcome)
{
    if (isFinished())
        return;
    outcome.answer = answerFor(outcome);
    conclude(std::move(outcome));
}

QJsonObject ApproveOperation::answerFor(const OperationOutcome &o) const
{
    const auto answer = [this](bool success, const QString &message, const QJsonObject &aiSetup) {
        return QJsonObject{{QStringLiteral("success"), success},
                           {QStringLiteral("message"), message},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("organization"), organizationJson()},
                                                               {QStringLiteral("aiSetup"), aiSetup}}}};
    };
    if (o.result == OperationOutcome::Result::TakenOver)
        return answer(false, o.error, QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("status"), QStringLiteral("taken_over")},
                                                  {QStringLiteral("error"), o.error}});
    if (o.ok() && o.setup) {
        const CompletedSetup &s = *o.setup;
        const auto assistant = [&s](const QString &id, const QString &name) {
            QJsonObject a{{QStringLiteral("id"), id}};
            if (!s.existing)
                a.insert(QStringLiteral("name"), name);
            return a;
        };
        QJsonObject data{{QStringLiteral("phoneNumber"), s.phoneNumber},
                         {QStringLiteral("assistants"), QJsonObject{{QStringLiteral("inbound"), assistant(s.inboundId, s.inboundName)},
                                                                    {QStringLiteral("outbound"), assistant(s.outboundId, s.outboundName)}}}};
        if (s.existing) {
            data.insert(QStringLiteral("existing"), true);
            return answer(true, QStringLiteral("Organization already verified; existing AI setup returned"),
                          QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("data"), data}});
        }
        data.insert(QStringLiteral("emailSent"), o.emailSent);
        QJsonObject aiSetup{{QStringLiteral("success"), true},
                            {QStringLiteral("setupTime"), QStringLiteral("%1ms").arg(s.setupTimeMs.value_or(0))},
                            {QStringLiteral("data"), data}};
        if (!o.warnings.isEmpty())
            aiSetup.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(o.warnings));
        if (!o.resumedFrom.isEmpty())
            aiSetup.insert(QStringLiteral("resumed"), QJsonObject{{QStringLiteral("fromRun"), o.resumedFrom},
                                                                  {QStringLiteral("reused"), QJsonArray::fromStringList(o.resumed)}});
        return answer(true, kSuccessMessage, aiSetup);
    }
    if (!o.runStatus) // nothing was set up: bad input, a refusal, a store error
        return QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("message"), o.error}};
    const bool canceled = o.result == OperationOutcome::Result::Canceled;
    QJsonObject aiSetup{{QStringLiteral("success"), false},
                        {QStringLiteral("status"), statusName(*o.runStatus)},
                        {QStringLiteral("failedStep"), o.failedStep},
                        {QStringLiteral("error"), o.stepError},
                        {QStringLiteral("leftovers"), QJsonArray::fromStringList(o.leftovers)},
                        {QStringLiteral("failureEmailSent"), o.emailSent}};
    if (canceled)
        aiSetup.insert(QStringLiteral("canceled"), true);
    return answer(false, canceled ? QStringLiteral("Organization verified but AI setup was canceled")
                                  : QStringLiteral("Organization verified but AI setup failed"),
                  aiSetup);
}

} // namespace oc
