#include "provisioning/approveoperation.h"
#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

// The fault matrix: every external call approve makes (and every undo call) × every fault kind, against the
// sandbox over HTTP. Each cell must end provisioned or fully rolled back — or, when an undo itself keeps
// failing, needs_attention naming exactly what is left — and the sandbox ledger and the store must agree.
class TestFaultMatrix : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    std::unique_ptr<ProvisioningServices> m_services;
    qint64 m_orgId = 0;


    QJsonArray ledger(const char *what) const { return m_sandbox->ledger().value(QLatin1String(what)).toArray(); }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        m_orgId = m_store->organizations().add({QStringLiteral("Fault Matrix Veterinary"), QStringLiteral("vet@faults.example"),
                                                {}, {}, OrgStatus::Pending, {}}).value();
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        m_nam = std::make_unique<QNetworkAccessManager>();
        const auto &c = m_sandbox->credentials();
        m_twilio = std::make_unique<TwilioClient>(*m_nam, TwilioConfig{m_sandbox->twilioBaseUrl(), c.twilioAccountSid, c.twilioAuthToken, test::fastRetryPolicy(400)});
        m_vapi = std::make_unique<VapiClient>(*m_nam, VapiConfig{m_sandbox->vapiBaseUrl(), c.vapiApiKey, test::fastRetryPolicy(400)});
        m_services.reset(new ProvisioningServices{*m_store, *m_twilio, *m_vapi, nullptr, AssistantTemplate{}, EmailBranding{},
                                                  QStringLiteral("noreply@faults.example"), c.twilioAccountSid, c.twilioAuthToken});
        m_services->lateCreateGrace = std::chrono::milliseconds(300); // nothing lands late in the sandbox unless a test delays it
    }
    void cleanup()
    {
        m_services.reset();
        m_twilio.reset();
        m_vapi.reset();
        m_nam.reset();
        m_sandbox.reset();
        m_store.reset();
        m_db.reset();
    }

    void everyCallTimesEveryFaultEndsConsistent_data()
    {
        QTest::addColumn<QString>("faults");
        // Forward calls, and the reads that reconcile them.
        const QStringList forward{QStringLiteral("twilio.search"), QStringLiteral("twilio.buy"), QStringLiteral("twilio.lookup"),
                                  QStringLiteral("vapi.assistant.create"), QStringLiteral("vapi.assistant.list"),
                                  QStringLiteral("vapi.phone.create"), QStringLiteral("vapi.phone.list")};
        // Undo calls: each cell also fails the registration, so there is something to undo.
        const QStringList undo{QStringLiteral("twilio.release"), QStringLiteral("vapi.assistant.delete"), QStringLiteral("vapi.phone.delete")};
        const QList<std::pair<const char *, const char *>> kinds{
            {"400", "400"}, {"401", "401"}, {"404", "404"}, {"429-then-ok", "429:20429"}, {"500", "500"}, {"503", "503"},
            {"timeout", "hang"}, {"reset-after-effect", "reset"}, {"malformed-json", "malformed"}};
        for (const QString &endpoint : forward) {
            for (const auto &[label, action] : kinds)
                QTest::addRow("%s %s", qPrintable(endpoint), label) << QStringLiteral("%1#1=%2").arg(endpoint, QLatin1String(action));
        }
        // A re-sent create that the vendor applies twice (Qt 6.4 re-sends a POST whose connection closed before any
        // answer): the second VAPI registration of the number must not outlive the run.
        QTest::addRow("vapi.phone.create re-sent and applied twice") << QStringLiteral("vapi.phone.create#1=resend");
        QTest::addRow("vapi.assistant.create re-sent and applied twice") << QStringLiteral("vapi.assistant.create#1=resend");
        for (const QString &endpoint : undo) {
            for (const auto &[label, action] : kinds)
                QTest::addRow("undo %s %s", qPrintable(endpoint), label)
                    << QStringLiteral("vapi.phone.create=400,%1#1=%2").arg(endpoint, QLatin1String(action));
            QTest::addRow("undo %s 500-always", qPrintable(endpoint)) << QStringLiteral("vapi.phone.create=400,%1=500").arg(endpoint);
        }
    }

    void everyCallTimesEveryFaultEndsConsistent()
    {
        QFETCH(QString, faults);
        QVERIFY(m_sandbox->addFaults(faults).ok());
        ApproveOperation op(*m_services, m_orgId, QStringLiteral("US"), QStringLiteral("510"), QStringLiteral("matrix"));
        QSignalSpy done(&op, &ApproveOperation::finished);
        op.start();
        QVERIFY(done.wait(60000));
        // Let requests the client gave up on (hang) land, as they would at a real vendor.
        m_sandbox->clearFaults();
        QTRY_COMPARE(m_sandbox->inFlight(), 0);

        auto run = m_store->runs().find(op.runId());
        QVERIFY2(run.ok(), qPrintable(op.errorMessage()));
        QVERIFY(!isLive(run->status));
        auto config = m_store->aiConfigs().findByOrganization(m_orgId);
        if (faults.endsWith(QLatin1String("=resend"))) // the duplicate was made: the run must have removed it
            QVERIFY2(m_sandbox->state().counter(faults.section(QLatin1Char('#'), 0, 0)).calls >= 2, qPrintable(faults));
        if (op.ok()) {
            QVERIFY(config.ok());
            QCOMPARE(ledger("numbers").size(), 1);
            QCOMPARE(ledger("numbers").at(0).toObject().value(QStringLiteral("sid")).toString(), config->phoneNumberSid);
            QCOMPARE(ledger("assistants").size(), 2);
            QCOMPARE(ledger("phoneNumbers").size(), 1);
            QCOMPARE(ledger("phoneNumbers").at(0).toObject().value(QStringLiteral("id")).toString(), config->vapiPhoneNumberId);
            return;
        }
        QCOMPARE(config.error().kind, Error::Kind::NotFound);
        if (run->status == RunStatus::NeedsAttention) {
            // What is left is exactly what the run says is left.
            QVERIFY2(!run->error.isEmpty(), "needs_attention must name the leftovers");
            if (!ledger("numbers").isEmpty())
                QVERIFY2(run->error.contains(QLatin1String("buy_number")), qPrintable(run->error));
            if (!ledger("assistants").isEmpty())
                QVERIFY2(run->error.contains(QLatin1String("assistant")), qPrintable(run->error));
            if (!ledger("phoneNumbers").isEmpty())
                QVERIFY2(run->error.contains(QLatin1String("register_number")), qPrintable(run->error));
            return;
        }
        QCOMPARE(run->status, RunStatus::RolledBack);
        QVERIFY2(ledger("numbers").isEmpty(), qPrintable(run->error));
        QVERIFY2(ledger("assistants").isEmpty(), qPrintable(run->error));
        QVERIFY2(ledger("phoneNumbers").isEmpty(), qPrintable(run->error));
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
