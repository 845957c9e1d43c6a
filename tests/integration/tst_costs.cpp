#include "sandbox/sandbox.h"
#include "csvreader.h"
#include "sandboxclient.h"
#include "sandboxenvironment.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;


// orgctl costs as a child process against the sandbox served by this test's event loop: three organizations
// approved (two US numbers, one German), calls seeded through the sandbox's control endpoint, a fourth setup whose
// configuration is lost (its number an orphan). Prices are the sandbox's Twilio Pricing: US 1.15, DE 1.00.
class TestCosts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    QList<qint64> m_orgs;
    QString m_month;

    QProcessEnvironment environment() const { return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path()); }
    test::OrgctlRun orgctl(const QStringList &args) { return test::runOrgctl(QStringLiteral(ORGCTL), args, environment()); }

    QJsonObject costsJson()
    {
        const auto r = orgctl({QStringLiteral("costs"), QStringLiteral("--month"), m_month, QStringLiteral("--json")});
        if (r.code != 0)
            qWarning().noquote() << r.err << r.out;
        return QJsonDocument::fromJson(r.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        for (const char *name : {"Alpha Plumbing", "Beta Bakery", "Gamma GmbH", "Delta Lost"}) {
            const QString company = QString::fromLatin1(name);
            m_orgs << store.value()->organizations().add({company, company.section(QLatin1Char(' '), 0, 0).toLower() + QStringLiteral("@example.com"),
                                                          QStringLiteral("Owner"), {}, OrgStatus::Pending, {}}).value();
        }
        const QList<QStringList> approvals{
            {QStringLiteral("--country"), QStringLiteral("US"), QStringLiteral("--area-code"), QStringLiteral("510")},
            {QStringLiteral("--country"), QStringLiteral("US"), QStringLiteral("--area-code"), QStringLiteral("212")},
            {QStringLiteral("--country"), QStringLiteral("DE"), QStringLiteral("--area-code"), QStringLiteral("+4930"), QStringLiteral("--bundle"),
             sandbox::SandboxState::kApprovedBundleDe, QStringLiteral("--address"), sandbox::SandboxState::kBerlinAddress},
            {QStringLiteral("--country"), QStringLiteral("US"), QStringLiteral("--area-code"), QStringLiteral("415")}};
        for (int i = 0; i < m_orgs.size(); ++i) {
            const auto r = orgctl(QStringList{QStringLiteral("approve"), QString::number(m_orgs.at(i))} + approvals.at(i));
            QVERIFY2(r.code == 0, (r.err + r.out).constData());
        }
        // The fourth configuration is lost: its number, assistants and VAPI number are orphans now.
        QVERIFY(store.value()->aiConfigs().removeForOrganization(m_orgs.at(3)).ok());

        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-60);
        m_month = now.toString(QStringLiteral("yyyy-MM"));
        const QDateTime from(QDate(now.date().year(), now.date().month(), 1), QTime(0, 0), Qt::UTC);
        const auto stamp = [](const QDateTime &t) { return t.toString(Qt::ISODateWithMs); };
        const AiConfig alpha = store.value()->aiConfigs().findByOrganization(m_orgs.at(0)).value();
        const AiConfig beta = store.value()->aiConfigs().findByOrganization(m_orgs.at(1)).value();
        const auto callOf = [&](const QString &assistant, QJsonValue cost, const QDateTime &at) {
            QJsonObject c{{QStringLiteral("assistantId"), assistant}, {QStringLiteral("createdAt"), stamp(at)}};
            if (!cost.isNull())
                c.insert(QStringLiteral("cost"), cost);
            return c;
        };
        test::SandboxClient control(m_sandbox->vapiBaseUrl());
        const auto seeded = control.seedCalls(QJsonArray{
            callOf(alpha.inboundAssistantId, 0.25, now), callOf(alpha.inboundAssistantId, 0.5, from),
            callOf(alpha.outboundAssistantId, 1.0, now.addSecs(-5)), callOf(alpha.outboundAssistantId, QJsonValue(), now), // no cost: 0
            callOf(beta.inboundAssistantId, 0.25, now),
            callOf(alpha.inboundAssistantId, 100.0, from.addMSecs(-1)),  // last month: not counted
            callOf(alpha.inboundAssistantId, 100.0, from.addMonths(1)), // next month: not counted
            callOf(QStringLiteral("0e0e0e0e-0000-4000-8000-000000000000"), 100.0, now)}); // nobody's assistant
        QVERIFY2(seeded.status == 200, seeded.body.constData());
    }

    void cleanupTestCase()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void jsonTotalsAreExact()
    {
        const int pricingBefore = m_sandbox->state().counter(QStringLiteral("twilio.pricing")).calls;
        const QJsonObject r = costsJson();
        QCOMPARE(r.value(QLatin1String("success")).toBool(), true);
        QCOMPARE(r.value(QLatin1String("month")).toString(), m_month);
        const QJsonArray orgs = r.value(QLatin1String("organizations")).toArray();
        QCOMPARE(orgs.size(), 3);
        const auto line = [&](qint64 id) {
            for (const QJsonValue &v : orgs) {
                if (v.toObject().value(QLatin1String("organizationId")).toInteger() == id)
                    return v.toObject();
            }
            return QJsonObject();
        };
        const QJsonObject alpha = line(m_orgs.at(0)), beta = line(m_orgs.at(1)), gamma = line(m_orgs.at(2));
        QCOMPARE(alpha.value(QLatin1String("organization")).toString(), QStringLiteral("Alpha Plumbing"));
        QCOMPARE(alpha.value(QLatin1String("country")).toString(), QStringLiteral("US"));
        QCOMPARE(alpha.value(QLatin1String("numberMonthlyUsd")).toDouble(), 1.15);
        QCOMPARE(alpha.value(QLatin1String("calls")).toInt(), 4);
        QCOMPARE(alpha.value(QLatin1String("callsUsd")).toDouble(), 1.75);
        QCOMPARE(alpha.value(QLatin1String("totalUsd")).toDouble(), 2.9);
        QCOMPARE(beta.value(QLatin1String("callsUsd")).toDouble(), 0.25);
        QCOMPARE(beta.value(QLatin1String("totalUsd")).toDouble(), 1.4);
        QCOMPARE(gamma.value(QLatin1String("country")).toString(), QStringLiteral("DE"));
        QCOMPARE(gamma.value(QLatin1String("numberMonthlyUsd")).toDouble(), 1.0);
        QCOMPARE(gamma.value(QLatin1String("callsUsd")).toDouble(), 0.0);
        const QJsonObject totals = r.value(QLatin1String("totals")).toObject();
        QCOMPARE(totals.value(QLatin1String("organizations")).toInt(), 3);
        QCOMPARE(totals.value(QLatin1String("numbersUsd")).toDouble(), 3.3);
        QCOMPARE(totals.value(QLatin1String("callsUsd")).toDouble(), 2.0);
        QCOMPARE(totals.value(QLatin1String("calls")).toInt(), 5);
        QCOMPARE(totals.value(QLatin1String("organizationsUsd")).toDouble(), 5.3);
        QCOMPARE(totals.value(QLatin1String("orphans")).toInt(), 4);
        QCOMPARE(totals.value(QLatin1String("orphansUsd")).toDouble(), 1.15);
        QCOMPARE(totals.value(QLatin1String("totalUsd")).toDouble(), 6.45);
        const QJsonArray top = r.value(QLatin1String("mostExpensive")).toArray();
        QCOMPARE(top.size(), 3);
        QCOMPARE(top.at(0).toObject().value(QLatin1String("organizationId")).toInteger(), m_orgs.at(0));
        QCOMPARE(top.at(1).toObject().value(QLatin1String("organizationId")).toInteger(), m_orgs.at(1));
        // The orphan number is priced from the same price list, as the orphan sweep prices it.
        int numbers = 0;
        for (const QJsonValue &v : r.value(QLatin1String("orphans")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("kind")).toString() == QLatin1String("number")) {
                ++numbers;
                QCOMPARE(o.value(QLatin1String("country")).toString(), QStringLiteral("US"));
                QCOMPARE(o.value(QLatin1String("monthlyCostUsd")).toDouble(), 1.15);
            }
        }
        QCOMPARE(numbers, 1);
        QCOMPARE(r.value(QLatin1String("warnings")).toArray().size(), 0);
        // One price lookup per country in the process (US for three numbers, DE for one): the cache.
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.pricing")).calls - pricingBefore, 2);
    }

    void orphansSweepPricesFromTheSameList()
    {
        const auto r = orgctl({QStringLiteral("orphans")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QLatin1String("monthlyCostUsd")).toDouble(), 1.15);
    }

    void csvParsesWithARowPerOrganizationAndOrphan()
    {
        const auto r = orgctl({QStringLiteral("costs"), QStringLiteral("--month"), m_month, QStringLiteral("--csv")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QStringList> rows = test::parseCsv(r.out);
        QCOMPARE(rows.size(), 1 + 3 + 4);
        QCOMPARE(rows.at(0).first(), QStringLiteral("kind"));
        double total = 0;
        for (const QStringList &row : rows.mid(1)) {
            QCOMPARE(row.size(), rows.at(0).size());
            total += row.at(9).toDouble();
            QCOMPARE(row.last(), m_month);
        }
        QCOMPARE(total, 6.45);
        QCOMPARE(std::count_if(rows.begin(), rows.end(), [](const QStringList &row) { return row.first() == QLatin1String("orphan_number"); }), 1);
    }

    void textShowsTheTableAndTotals()
    {
        const auto r = orgctl({QStringLiteral("costs"), QStringLiteral("--month"), m_month});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("Alpha Plumbing"));
        QVERIFY(r.out.contains("Gamma GmbH"));
        QVERIFY2(r.out.contains("Total this month: $6.45"), r.out.constData());
        QVERIFY(r.out.contains("Orphans: 4"));
    }

    void anEarlierMonthHasNoCalls()
    {
        const auto r = orgctl({QStringLiteral("costs"), QStringLiteral("--month"), QStringLiteral("2020-01"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject totals = QJsonDocument::fromJson(r.out).object().value(QLatin1String("totals")).toObject();
        QCOMPARE(totals.value(QLatin1String("callsUsd")).toDouble(), 0.0);
        QCOMPARE(totals.value(QLatin1String("numbersUsd")).toDouble(), 3.3); // a number costs its month whatever the month
    }

    void aBadMonthIsACommandLineError()
    {
        for (const QString &bad : {QStringLiteral("2026-13"), QStringLiteral("12/2026"), QStringLiteral("")}) {
            const auto r = orgctl({QStringLiteral("costs"), QStringLiteral("--month"), bad});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("YYYY-MM"), r.err.constData());
            QVERIFY(r.out.isEmpty());
        }
        QCOMPARE(orgctl({QStringLiteral("costs"), QStringLiteral("--json"), QStringLiteral("--csv")}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCosts)
#include "tst_costs.moc"
