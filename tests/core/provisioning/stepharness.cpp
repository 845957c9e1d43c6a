#include "stepharness.h"

#include "pipeline/resourcetags.h"
#include "pipeline/runlease.h"
#include "provisioning/stepnames.h"
#include "vapi/assistantname.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace oc::test {

namespace {

// Two attempts, every delay and timeout a thousandth: a hanging request times out after 30 ms.
RetryPolicy fastRetry()
{
    RetryPolicy::Settings s;
    s.maxAttempts = 2;
    s.timeScale = 0.001;
    return RetryPolicy(s);
}

} // namespace

RunStep JournalingNetworkAccessManager::lineWhenSent(qsizetype index, const QString &step) const
{
    for (const RunStep &line : m_journals.value(index)) {
        if (line.step == step)
            return line;
    }
    return RunStep{};
}

QNetworkReply *JournalingNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    m_journals.append(m_snapshot ? m_snapshot() : QList<RunStep>());
    return FakeNetworkAccessManager::createRequest(op, request, outgoingData);
}

StepHarness::StepHarness() = default;

StepHarness::~StepHarness()
{
    tearDown();
}

void StepHarness::setUp()
{
    static int n = 0;
    QVERIFY(m_dir.isValid());
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("steps-%1.sqlite").arg(++n)));
    QVERIFY(url.ok());
    auto opened = Store::open(url.value());
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    m_store = std::move(opened).value();
    m_nam = std::make_unique<JournalingNetworkAccessManager>();
    m_twilio = std::make_unique<TwilioClient>(*m_nam, TwilioConfig{QUrl(QStringLiteral("http://twilio.test")), kAccount, QStringLiteral("tok"), fastRetry()});
    m_vapi = std::make_unique<VapiClient>(*m_nam, VapiConfig{QUrl(QStringLiteral("http://vapi.test")), QStringLiteral("key"), fastRetry()});
    m_services = std::make_unique<ProvisioningServices>(ProvisioningServices{
        *m_store, *m_twilio, *m_vapi, nullptr, AssistantTemplate{}, EmailBranding{QStringLiteral("Acme Voice"), QStringLiteral("support@acme.example"), {}},
        QStringLiteral("noreply@acme.example"), kAccount, QStringLiteral("tok")});
    m_services->lateCreateGrace = std::chrono::milliseconds(50);
    auto org = m_store->organizations().add(
        {QStringLiteral("Acme"), QStringLiteral("o@acme.example"), QStringLiteral("Ann Owner"), QStringLiteral("owner-7"), OrgStatus::Verified, {}});
    QVERIFY2(org.ok(), org.ok() ? "" : qPrintable(org.error().message));
    ProvisioningRun r;
    r.id = pipeline::ResourceTags::newRunId();
    r.organizationId = org.value();
    r.kind = QStringLiteral("approve");
    r.status = RunStatus::Running;
    r.actor = QStringLiteral("stepharness");
    auto session = RunSession::create(*m_services, r);
    QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
    m_session = std::move(session).value();
    m_ctx = std::make_unique<ProvisioningContext>(*m_services, m_store->organizations().find(org.value()).value(), r.id,
                                                  QStringLiteral("US"), QStringLiteral("510"));
    m_ctx->journal.setLease(&m_session->lease());
    m_nam->setSnapshot([this] { return m_store->runs().steps(m_ctx->runId).value(); });
}

void StepHarness::tearDown()
{
    m_ctx.reset();
    m_session.reset();
    m_services.reset();
    m_vapi.reset();
    m_twilio.reset();
    m_nam.reset();
    m_store.reset();
}

pipeline::StepOutcome StepHarness::run(pipeline::StepTask *step)
{
    std::unique_ptr<pipeline::StepTask> owned(step);
    QSignalSpy finished(step, &pipeline::StepTask::finished);
    [&] { QVERIFY(finished.wait(10000)); }();
    if (finished.isEmpty())
        return pipeline::StepOutcome::failure(QStringLiteral("never finished"));
    // Exactly once: nothing more arrives while the event loop turns a little longer.
    QCoreApplication::processEvents();
    [&] { QCOMPARE(finished.size(), 1); }();
    return finished.first().first().value<pipeline::StepOutcome>();
}

RunStep StepHarness::journaled(const QString &step) const
{
    for (const RunStep &s : m_store->runs().steps(m_ctx->runId).value()) {
        if (s.step == step)
            return s;
    }
    return RunStep{};
}

QStringList StepHarness::sent() const
{
    QStringList out;
    for (const auto &r : m_nam->requests())
        out << QString::fromLatin1(r.method) + QLatin1Char(' ') + r.url.path();
    return out;
}

void StepHarness::numberBought()
{
    QVERIFY(m_ctx->journal.intent(steps::kBuyNumber, kPhone, 1).ok());
    QVERIFY(m_ctx->journal.done(steps::kBuyNumber, kPN, kPhone).ok());
    m_ctx->number = IncomingNumber{kPN, kPhone, pipeline::ResourceTags::friendlyName(QStringLiteral("Acme"), m_ctx->runId), QDateTime()};
}

VapiAssistant StepHarness::assistantMade(AssistantRole role, const QString &id)
{
    const QString step = role == AssistantRole::Inbound ? steps::kCreateInbound : steps::kCreateOutbound;
    VapiAssistant a = VapiAssistant::fromJson(QJsonDocument::fromJson(assistantJson(id, m_ctx->runId, assistantRoleName(role))).object());
    [&] {
        QVERIFY(m_ctx->journal.intent(step, QStringLiteral("role=") + assistantRoleName(role), 1).ok());
        QVERIFY(m_ctx->journal.done(step, id, a.name).ok());
    }();
    (role == AssistantRole::Inbound ? m_ctx->inbound : m_ctx->outbound) = a;
    return a;
}

void StepHarness::loseTheLease()
{
    m_session->lease().markLost(QStringLiteral("run taken over by another process"));
}

QUrlQuery StepHarness::form(const FakeNetworkAccessManager::Recorded &request)
{
    // Form encoding writes a space as '+'; QUrlQuery reads '+' literally.
    QByteArray body = request.body;
    body.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(body));
}

QJsonObject StepHarness::json(const FakeNetworkAccessManager::Recorded &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray StepHarness::boughtNumber(const QString &sid, const QString &phone, const QString &friendlyName)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("sid"), sid},
                                     {QStringLiteral("phone_number"), phone},
                                     {QStringLiteral("friendly_name"), friendlyName}})
        .toJson(QJsonDocument::Compact);
}

QByteArray StepHarness::ownedNumbers(const QString &sid, const QString &phone, const QString &friendlyName)
{
    if (sid.isEmpty())
        return R"({"incoming_phone_numbers":[]})";
    return "{\"incoming_phone_numbers\":[" + boughtNumber(sid, phone, friendlyName) + "]}";
}

QByteArray StepHarness::assistantJson(const QString &id, const QString &runId, const QString &role)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("name"), QStringLiteral("Acme %1").arg(role)},
                                     {QStringLiteral("orgId"), QStringLiteral("vapi-org-1")},
                                     {QStringLiteral("createdAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                     {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("orgConsoleRunId"), runId},
                                                                              {QStringLiteral("role"), role}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace oc::test
