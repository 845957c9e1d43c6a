#pragma once

#include "fakenetworkaccessmanager.h"
#include "pipeline/steptask.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

namespace oc::test {

// A FakeNetworkAccessManager that also keeps, for every request, the run's journal as the store held it at the
// moment the request left: the proof that a step's intent was committed before its effect.
class JournalingNetworkAccessManager final : public FakeNetworkAccessManager
{
public:
    using Snapshot = std::function<QList<RunStep>()>;
    void setSnapshot(Snapshot snapshot) { m_snapshot = std::move(snapshot); }
    // The journal's line for `step` when request `index` was sent (Pending: no line yet).
    RunStep lineWhenSent(qsizetype index, const QString &step) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    Snapshot m_snapshot;
    QList<QList<RunStep>> m_journals;
};

// One provisioning step alone: a real SQLite store in a temporary directory, a run held under a real lease, the
// real Twilio and VAPI clients over the journaling fake network, and the run's context. Twilio's account is
// kAccount with token "tok"; VAPI's key is "key"; the organization is "Acme" (owner Ann Owner, o@acme.example)
// and the run buys in US 510.
class StepHarness
{
public:
    // Inline: defined before anything a test's file defines with them, so initialized first.
    static inline const QString kAccount = QStringLiteral("AC00000000000000000000000000000001");
    static inline const QString kPhone = QStringLiteral("+15105550100");
    static inline const QString kPN = QStringLiteral("PN11111111111111111111111111111111");

    StepHarness();
    ~StepHarness();

    // QVERIFY inside: check QTest::currentTestFailed() after it.
    void setUp();
    void tearDown();

    // Runs one step to its end (10 s at most).
    pipeline::StepOutcome run(pipeline::StepTask *step);

    // The store's line for `step` (Pending when there is none), read afresh.
    RunStep journaled(const QString &step) const;
    // "METHOD /path" of every request sent, in order.
    QStringList sent() const;
    const QList<FakeNetworkAccessManager::Recorded> &requests() const { return m_nam->requests(); }
    RunStep lineWhenSent(qsizetype index, const QString &step) const { return m_nam->lineWhenSent(index, step); }

    // What earlier steps left in the context (and their journal lines): the number bought, the assistants made.
    void numberBought();
    VapiAssistant assistantMade(AssistantRole role, const QString &id);
    // The lease taken away, as when another process took the run over.
    void loseTheLease();

    FakeNetworkAccessManager &nam() { return *m_nam; }
    Store &store() { return *m_store; }
    ProvisioningServices &services() { return *m_services; }
    ProvisioningContext &ctx() { return *m_ctx; }
    const QString &runId() const { return m_ctx->runId; }

    // Request bodies, decoded.
    static QUrlQuery form(const FakeNetworkAccessManager::Recorded &request);
    static QJsonObject json(const FakeNetworkAccessManager::Recorded &request);
    // Vendor answers.
    static QByteArray boughtNumber(const QString &sid, const QString &phone, const QString &friendlyName);
    static QByteArray ownedNumbers(const QString &sid, const QString &phone, const QString &friendlyName);
    static QByteArray assistantJson(const QString &id, const QString &runId, const QString &role);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<JournalingNetworkAccessManager> m_nam;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    std::unique_ptr<ProvisioningServices> m_services;
    std::unique_ptr<RunSession> m_session;
    std::unique_ptr<ProvisioningContext> m_ctx;
};

} // namespace oc::test

Q_DECLARE_METATYPE(oc::test::FakeNetworkAccessManager::Response)
