#include "provisioning/costsreport.h"
#include "csvreader.h"

#include <QJsonArray>
#include <QTest>

using namespace oc;


class tst_CostsReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void monthBoundsAreTheMonthInUtc_data();
    void monthBoundsAreTheMonthInUtc();
    void monthBoundsRefuseWhatIsNotAMonth_data();
    void monthBoundsRefuseWhatIsNotAMonth();
    void currentMonthIsTodaysInUtc();
    void csvHasAHeaderARowPerOrganizationAndPerOrphan();
};

void tst_CostsReport::monthBoundsAreTheMonthInUtc_data()
{
    QTest::addColumn<QString>("month");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("december into january") << "2026-12" << "2026-12-01T00:00:00Z" << "2027-01-01T00:00:00Z";
    QTest::newRow("january") << "2027-01" << "2027-01-01T00:00:00Z" << "2027-02-01T00:00:00Z";
    QTest::newRow("leap february") << "2028-02" << "2028-02-01T00:00:00Z" << "2028-03-01T00:00:00Z";
    QTest::newRow("spaces around") << " 2026-03 " << "2026-03-01T00:00:00Z" << "2026-04-01T00:00:00Z";
}

void tst_CostsReport::monthBoundsAreTheMonthInUtc()
{
    QFETCH(QString, month);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const auto bounds = CostsReport::monthBounds(month);
    QVERIFY(bounds);
    QCOMPARE(bounds->first.toString(Qt::ISODate), from);
    QCOMPARE(bounds->second.toString(Qt::ISODate), to);
    QCOMPARE(bounds->first.timeSpec(), Qt::UTC);
}

void tst_CostsReport::monthBoundsRefuseWhatIsNotAMonth_data()
{
    QTest::addColumn<QString>("month");
    for (const char *bad : {"", "2026-13", "2026-00", "2026-1", "26-01", "2026/01", "2026-01-05", "january", "1969-12", "2026-1a"})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void tst_CostsReport::monthBoundsRefuseWhatIsNotAMonth()
{
    QFETCH(QString, month);
    QVERIFY(!CostsReport::monthBounds(month));
}

void tst_CostsReport::currentMonthIsTodaysInUtc()
{
    const QString month = CostsReport::currentMonth();
    QCOMPARE(month, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM")));
    QVERIFY(CostsReport::monthBounds(month));
}

void tst_CostsReport::csvHasAHeaderARowPerOrganizationAndPerOrphan()
{
    const QJsonObject answer{
        {QStringLiteral("month"), QStringLiteral("2026-12")},
        {QStringLiteral("organizations"),
         QJsonArray{QJsonObject{{QStringLiteral("organizationId"), 7},
                                {QStringLiteral("organization"), QStringLiteral("Bäckerei \"Zum Korn\", Berlin")},
                                {QStringLiteral("status"), QStringLiteral("active")},
                                {QStringLiteral("phoneNumber"), QStringLiteral("+4930123456")},
                                {QStringLiteral("country"), QStringLiteral("DE")},
                                {QStringLiteral("numberMonthlyUsd"), 1.0},
                                {QStringLiteral("calls"), 3},
                                {QStringLiteral("callsUsd"), 0.875},
                                {QStringLiteral("totalUsd"), 1.875}},
                    QJsonObject{{QStringLiteral("organizationId"), 9},
                                {QStringLiteral("organization"), QStringLiteral("=HYPERLINK(\"x\")")},
                                {QStringLiteral("status"), QStringLiteral("active")},
                                {QStringLiteral("phoneNumber"), QStringLiteral("+15105550100")},
                                {QStringLiteral("country"), QStringLiteral("US")},
                                {QStringLiteral("numberMonthlyUsd"), QJsonValue()},
                                {QStringLiteral("calls"), 0},
                                {QStringLiteral("callsUsd"), 0.0},
                                {QStringLiteral("totalUsd"), 0.0}}}},
        {QStringLiteral("orphans"),
         QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("number")},
                                {QStringLiteral("id"), QStringLiteral("PN1")},
                                {QStringLiteral("name"), QStringLiteral("+15105550199")},
                                {QStringLiteral("country"), QStringLiteral("US")},
                                {QStringLiteral("monthlyCostUsd"), 1.15}}}}};
    const QByteArray csv = CostsReport::toCsv(answer);
    QVERIFY(csv.endsWith("\r\n"));
    const QList<QStringList> rows = test::parseCsv(csv);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0), CostsReport::csvColumns());
    for (const QStringList &r : rows)
        QCOMPARE(r.size(), CostsReport::csvColumns().size());
    QCOMPARE(rows.at(1), QStringList({"organization", "7", "Bäckerei \"Zum Korn\", Berlin", "active", "'+4930123456", "DE", "1.0000", "3",
                                      "0.8750", "1.8750", "2026-12"}));
    QCOMPARE(rows.at(2).at(2), QStringLiteral("'=HYPERLINK(\"x\")")); // CSV injection: stays text
    QCOMPARE(rows.at(2).at(6), QString());                            // no price known: empty, not 0
    QCOMPARE(rows.at(3), QStringList({"orphan_number", "", "PN1", "", "'+15105550199", "US", "1.1500", "", "", "1.1500", "2026-12"}));
}

QTEST_GUILESS_MAIN(tst_CostsReport)
#include "tst_costsreport.moc"
