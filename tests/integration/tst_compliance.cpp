#include "provisioning/approveoperation.h"
#include "provisioning/checkconfig.h"
#include "provisioning/compliancecheck.h"
#include "provisioning/stepnames.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "store/store.h"
#include "testdatabase.h"
#include "twilio/twilioclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::sandbox::SandboxState;

// Buying where Twilio requires compliance, end to end against the sandbox: the real operation, clients and
// store; the sandbox refuses regulated purchases (DE, GB, AU) without an approved bundle and a fitting address.
class TestCompliance : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    qint64 m_orgId = 0;

    sandbox::Sandbox &box() { return m_vendors->sandbox(); }
    int calls(const char *endpoint) { return box().state().counter(QLatin1String(endpoint)).calls; }
    QJsonArray ledgerNumbers() { return box().ledger().value(QLatin1String("numbers")).toArray(); }

    std::unique_ptr<ApproveOperation> approve(const QString &country, const QString &where, const ComplianceRequest &request = {})
    {
        auto op = std::make_unique<ApproveOperation>(m_vendors->services(), m_orgId, country, where, QStringLiteral("tester"));
        op->setCompliance(request);
        QSignalSpy done(op.get(), &ApproveOperation::finished);
        op->start();
        [&] { QVERIFY(done.wait(30000)); }();
        return op;
    }

    void expectNothingLeft()
    {
        QCOMPARE(m_vendors->ledgerCount("numbers"), 0);
        QCOMPARE(m_vendors->ledgerCount("assistants"), 0);
        QCOMPARE(m_vendors->ledgerCount("phoneNumbers"), 0);
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId).error().kind, Error::Kind::NotFound);
    }

    // The sandbox's account gains an approved British bundle and a London address.
    void addBritishCompliance()
    {
        const QDateTime at = QDateTime::currentDateTimeUtc();
        box().state().bundles().append(SandboxState::Bundle{QStringLiteral("BU0eb0000000000000000000000000c0de"), QStringLiteral("Acme Ltd"),
                                                            QStringLiteral("twilio-approved"), QStringLiteral("GB"), QStringLiteral("local"),
                                                            QStringLiteral("business"), {}, at, at});
        box().state().addresses().append(SandboxState::Address{QStringLiteral("AD0eb0000000000000000000000000001d"), QStringLiteral("London office"),
                                                               QStringLiteral("Acme Ltd"), QStringLiteral("1 Poultry"), QStringLiteral("London"),
                                                               QStringLiteral("London"), QStringLiteral("EC2R 8EJ"), QStringLiteral("GB"), at});
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        m_orgId = m_store->organizations().add({QStringLiteral("Acme GmbH"), QStringLiteral("ann@acme.example"), QStringLiteral("Ann Lee"),
                                                QStringLiteral("usr_1"), OrgStatus::Pending, {}}).value();
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
    }
    void cleanup()
    {
        m_vendors.reset();
        m_store.reset();
        m_db.reset();
    }

    void germanApprovalWithoutAnApprovedBundleIsRefusedBeforeAnythingIsBought()
    {
        // Only the pending bundle is left on the account.
        box().state().bundles().removeIf([](const SandboxState::Bundle &b) { return b.status == QLatin1String("twilio-approved"); });
        auto op = approve(QStringLiteral("DE"), QStringLiteral("30"));
        QVERIFY(!op->ok());
        QCOMPARE(op->errorMessage(), ComplianceCheck::noBundleMessage(QStringLiteral("DE")));
        QVERIFY(op->errorMessage().startsWith(QStringLiteral("no approved bundle for Germany — create one in Twilio's console")));
        QCOMPARE(calls("twilio.regulations"), 1);
        QCOMPARE(calls("twilio.bundles"), 1);
        QCOMPARE(calls("twilio.search"), 0);
        QCOMPARE(calls("twilio.buy"), 0);
        QCOMPARE(calls("vapi.assistant.create"), 0);
        expectNothingLeft();
        QVERIFY(m_store->runs().forOrganization(m_orgId)->isEmpty()); // no run was even started
    }

    void germanApprovalWithTheApprovedBundleAndTheBerlinAddressSucceeds()
    {
        auto op = approve(QStringLiteral("DE"), QStringLiteral("30"));
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        const QJsonArray numbers = ledgerNumbers();
        QCOMPARE(numbers.size(), 1);
        const QJsonObject bought = numbers.at(0).toObject();
        QVERIFY(bought.value(QLatin1String("phoneNumber")).toString().startsWith(QLatin1String("+4930")));
        QCOMPARE(bought.value(QLatin1String("bundleSid")).toString(), SandboxState::kApprovedBundleDe);
        QCOMPARE(bought.value(QLatin1String("addressSid")).toString(), SandboxState::kBerlinAddress);
        QCOMPARE(calls("twilio.buy"), 1);
        QCOMPARE(m_vendors->ledgerCount("assistants"), 2);
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId)->number, bought.value(QLatin1String("phoneNumber")).toString());
    }

    void germanApprovalByCityFindsBerlinNumbers()
    {
        auto op = approve(QStringLiteral("DE"), QStringLiteral("Berlin"));
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QVERIFY(ledgerNumbers().at(0).toObject().value(QLatin1String("phoneNumber")).toString().startsWith(QLatin1String("+4930")));
    }

    void aPendingBundleIsRefusedByTwilioWith21649AndNothingIsLeft()
    {
        auto op = approve(QStringLiteral("DE"), QStringLiteral("+4930"), ComplianceRequest{SandboxState::kPendingBundleDe, {}});
        QVERIFY(!op->ok());
        QCOMPARE(op->outcome().failedStep, steps::kBuyNumber);
        QVERIFY2(op->outcome().stepError.contains(QLatin1String("Twilio error 21649")), qPrintable(op->outcome().stepError));
        QVERIFY(op->outcome().stepError.contains(SandboxState::kPendingBundleDe));
        QVERIFY(op->outcome().stepError.contains(QLatin1String("nothing was bought")));
        QCOMPARE(calls("twilio.buy"), 1); // definite: neither retried nor tried on another candidate
        QVERIFY(op->outcome().runStatus == RunStatus::RolledBack);
        QVERIFY(op->outcome().leftovers.isEmpty());
        expectNothingLeft();
        QCOMPARE(m_store->runs().find(op->runId())->status, RunStatus::RolledBack);
    }

    void anAddressOutsideTheNumbersCityIsRefusedWith21631()
    {
        // A Munich number with the Berlin address: Germany wants the address in the number's locality.
        auto op = approve(QStringLiteral("DE"), QStringLiteral("+4989"));
        QVERIFY(!op->ok());
        QVERIFY2(op->outcome().stepError.contains(QLatin1String("Twilio error 21631")), qPrintable(op->outcome().stepError));
        QCOMPARE(calls("twilio.buy"), 1);
        expectNothingLeft();
    }

    void anAccountWithoutAnyAddressIsRefusedBeforeAnythingIsBought()
    {
        box().state().addresses().clear();
        auto op = approve(QStringLiteral("DE"), QStringLiteral("30"));
        QVERIFY(!op->ok());
        QVERIFY2(op->errorMessage().startsWith(QLatin1String("no address on the Twilio account")), qPrintable(op->errorMessage()));
        QCOMPARE(calls("twilio.buy"), 0);
        expectNothingLeft();
    }

    void aPurchaseWithoutAnyAddressIs21613()
    {
        // The check is bypassed by a bundle named by hand and no address on the account at all: Twilio's 21613.
        box().state().addresses().clear();
        auto &services = m_vendors->services();
        auto buy = services.twilio.buyNumber(QStringLiteral("+49305550100"), QStringLiteral("x"), SandboxState::kApprovedBundleDe);
        QSignalSpy done(buy.get(), &ApiCall::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(buy->error().vendorCode, QStringLiteral("21613"));
        QVERIFY(TwilioClient::isComplianceError(buy->error()));
        QCOMPARE(buy->attempts(), 1);
        QCOMPARE(m_vendors->ledgerCount("numbers"), 0);
    }

    void britishNumbersAreSearchedByPrefix()
    {
        addBritishCompliance();
        auto op = approve(QStringLiteral("GB"), QStringLiteral("+4420"));
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        const QJsonObject bought = ledgerNumbers().at(0).toObject();
        QVERIFY(bought.value(QLatin1String("phoneNumber")).toString().startsWith(QLatin1String("+4420")));
        QCOMPARE(bought.value(QLatin1String("bundleSid")).toString(), QStringLiteral("BU0eb0000000000000000000000000c0de"));
        QCOMPARE(bought.value(QLatin1String("addressSid")).toString(), QStringLiteral("AD0eb0000000000000000000000000001d"));
    }

    void theCountrysDefaultsFromTheSettingsAreUsed()
    {
        // Two approved German bundles: the default names the older one.
        const QDateTime later = QDateTime::currentDateTimeUtc();
        box().state().bundles().append(SandboxState::Bundle{QStringLiteral("BU0de0c0000000000000000000000000c3"), QStringLiteral("Acme Neu"),
                                                            QStringLiteral("twilio-approved"), QStringLiteral("DE"), QStringLiteral("local"),
                                                            QStringLiteral("business"), {}, later, later});
        m_vendors->services().complianceDefaults.insert(QStringLiteral("DE"), ComplianceRequest{SandboxState::kApprovedBundleDe, {}});
        auto op = approve(QStringLiteral("DE"), QString());
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QCOMPARE(ledgerNumbers().at(0).toObject().value(QLatin1String("bundleSid")).toString(), SandboxState::kApprovedBundleDe);
    }

    void checkConfigReportsWhatAGermanApprovalWouldUse()
    {
        CheckConfig check(m_vendors->services(), QString());
        check.setCountry(QStringLiteral("de"));
        QSignalSpy done(&check, &CheckConfig::finished);
        check.start();
        QVERIFY(done.wait(20000));
        const QJsonObject compliance = check.result().value(QLatin1String("checks")).toObject().value(QLatin1String("compliance")).toObject();
        QCOMPARE(compliance.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(compliance.value(QLatin1String("required")).toBool(), true);
        QCOMPARE(compliance.value(QLatin1String("bundle")).toObject().value(QLatin1String("sid")).toString(), SandboxState::kApprovedBundleDe);
        QCOMPARE(compliance.value(QLatin1String("address")).toObject().value(QLatin1String("sid")).toString(), SandboxState::kBerlinAddress);
        QCOMPARE(compliance.value(QLatin1String("detail")).toString(),
                 QStringLiteral("Germany requires an approved business bundle — %1 (Acme GmbH, approved 3 Nov 2026) and the address in "
                                "Berlin (%2) will be used").arg(SandboxState::kApprovedBundleDe, SandboxState::kBerlinAddress));
        QCOMPARE(calls("twilio.buy"), 0);
    }

    void americanApprovalsAskNothingAboutCompliance()
    {
        auto op = approve(QStringLiteral("US"), QStringLiteral("510"));
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QCOMPARE(calls("twilio.regulations"), 0);
        QCOMPARE(calls("twilio.bundles"), 0);
        QCOMPARE(calls("twilio.addresses"), 0);
        QCOMPARE(ledgerNumbers().at(0).toObject().value(QLatin1String("bundleSid")).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestCompliance)
#include "tst_compliance.moc"
