#include "console/consoleengine.h"
#include "console/liverun.h"
#include "costsview.h"
#include "dashboardview.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "stattile.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

// The Costs view and the dashboard's number spend on the sandbox: two organizations set up through the engine
// (US numbers at the sandbox's 1.15 a month), calls seeded at the sandbox, one lost configuration (an orphan).
class TestCostsView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    std::unique_ptr<ConsoleEngine> m_engine;
    QList<qint64> m_orgs;

    void approve(qint64 org)
    {
        LiveRun *run = m_engine->approve(m_store->organizations().find(org).value(), QStringLiteral("US"), QString());
        QVERIFY(run);
        QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
    }

    void addCall(const QString &assistant, double cost)
    {
        m_vendors->sandbox().state().addCall(QJsonObject{{QStringLiteral("assistantId"), assistant}, {QStringLiteral("cost"), cost}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        for (const QString &name : {QStringLiteral("Bayview Dental"), QStringLiteral("Cedar Clinic"), QStringLiteral("Lost & Found")})
            m_orgs << m_store->organizations().add({name, QStringLiteral("owner%1@example.com").arg(m_orgs.size()), QStringLiteral("Owner"),
                                                    {}, OrgStatus::Pending, {}}).value();
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
        m_engine = std::make_unique<ConsoleEngine>(m_vendors->services(), QStringLiteral("tester"), 8);
        for (qint64 org : std::as_const(m_orgs))
            approve(org);
        QVERIFY(m_store->aiConfigs().removeForOrganization(m_orgs.at(2)).ok()); // its number is an orphan now
        const AiConfig bayview = m_store->aiConfigs().findByOrganization(m_orgs.at(0)).value();
        const AiConfig cedar = m_store->aiConfigs().findByOrganization(m_orgs.at(1)).value();
        addCall(bayview.inboundAssistantId, 2.5);
        addCall(bayview.outboundAssistantId, 0.25);
        addCall(cedar.inboundAssistantId, 0.25);
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_vendors.reset();
        m_store.reset();
        m_db.reset();
    }

    void showsEachOrganizationTotalsAndOrphansAsynchronously()
    {
        CostsView view(*m_engine);
        view.resize(900, 600);
        view.show();
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.month(), QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM"))); // this month by default
        QSignalSpy loaded(&view, &CostsView::loaded);
        QTest::mouseClick(view.refreshButton(), Qt::LeftButton);
        // Asynchronous: the click returns at once with the progress showing.
        QVERIFY(view.isLoading());
        QVERIFY(view.progress()->isVisibleTo(&view));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QVERIFY(!view.progress()->isVisibleTo(&view));
        QCOMPARE(view.model()->rowCount(), 2);

        // Sorted by total, the most expensive first: Bayview 1.15 + 2.75, Cedar 1.15 + 0.25.
        const QAbstractItemModel *shown = view.table()->model();
        QCOMPARE(shown->index(0, CostsView::Organization).data().toString(), QStringLiteral("Bayview Dental"));
        QCOMPARE(shown->index(0, CostsView::NumberMonthly).data().toString(), QStringLiteral("$1.15"));
        QCOMPARE(shown->index(0, CostsView::Calls).data().toString(), QStringLiteral("$2.75"));
        QCOMPARE(shown->index(0, CostsView::Total).data().toString(), QStringLiteral("$3.90"));
        QCOMPARE(shown->index(0, CostsView::Country).data().toString(), QStringLiteral("US"));
        QCOMPARE(shown->index(1, CostsView::Total).data().toString(), QStringLiteral("$1.40"));
        // Sortable by any column, by value: ascending total puts Cedar first.
        view.table()->sortByColumn(CostsView::Total, Qt::AscendingOrder);
        QCOMPARE(shown->index(0, CostsView::Organization).data().toString(), QStringLiteral("Cedar Clinic"));

        QVERIFY2(view.totals()->text().contains(QLatin1String("$2.30")), qPrintable(view.totals()->text()));   // numbers
        QVERIFY2(view.totals()->text().contains(QLatin1String("$3.00")), qPrintable(view.totals()->text()));   // calls
        QVERIFY2(view.totals()->text().contains(QLatin1String("$5.30")), qPrintable(view.totals()->text()));   // together
        QCOMPARE(view.orphansModel()->rowCount(), 4); // the lost setup's number, two assistants, VAPI number
        bool pricedNumber = false;
        for (int r = 0; r < view.orphansModel()->rowCount(); ++r)
            pricedNumber |= view.orphansModel()->index(r, 3).data().toString() == QLatin1String("$1.15");
        QVERIFY(pricedNumber);
        QVERIFY(view.exportButton()->isEnabled());
    }

    void exportsTheReportAsCsvThroughANonModalDialog()
    {
        CostsView view(*m_engine);
        QSignalSpy loaded(&view, &CostsView::loaded);
        view.refresh();
        QVERIFY(loaded.wait(30000));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("costs.csv"));
        QTest::mouseClick(view.exportButton(), Qt::LeftButton);
        QFileDialog *dialog = view.exportDialog();
        QVERIFY(dialog); // open(), not exec(): the click returned with the dialog up
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept is protected; QDialog's is the public slot
        QTRY_VERIFY(QFile::exists(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("kind,organization_id,organization,status,phone_number,country,number_usd_month,calls,calls_usd,total_usd,month"));
        QCOMPARE(lines.size(), 1 + 2 + 4 + 1); // header, two organizations, four orphans, the last CRLF
        QVERIFY(lines.at(1).contains(",Bayview Dental,") || lines.at(2).contains(",Bayview Dental,"));
        bool bayview = false;
        for (const QByteArray &l : lines)
            bayview |= l.startsWith("organization,") && l.contains("Bayview Dental") && l.contains(",1.1500,2,2.7500,3.9000,");
        QVERIFY(bayview);
    }

    void aMonthPickedIsTheMonthReported()
    {
        CostsView view(*m_engine);
        view.setMonth(QStringLiteral("2020-02"));
        QCOMPARE(view.month(), QStringLiteral("2020-02"));
        QSignalSpy loaded(&view, &CostsView::loaded);
        view.refresh();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.report().value(QLatin1String("month")).toString(), QStringLiteral("2020-02"));
        QCOMPARE(view.report()[QLatin1String("totals")][QLatin1String("callsUsd")].toDouble(), 0.0);
    }

    void dashboardShowsTheMonthlyNumberSpendOnceThePricesArrive()
    {
        DashboardView dashboard(*m_store);
        StatTile *tile = dashboard.numberSpendTile();
        QVERIFY(tile);
        QCOMPARE(tile->title(), QStringLiteral("Monthly number spend"));
        QSignalSpy refreshed(&dashboard, &DashboardView::refreshed);
        QVERIFY(refreshed.wait(10000));
        // Without a price source: a dash, never a guess.
        QCOMPARE(tile->value(), QStringLiteral("—"));
        dashboard.setPriceSource(m_engine.get());
        QTRY_COMPARE_WITH_TIMEOUT(tile->value(), QStringLiteral("$2.30"), 10000); // two active US numbers × 1.15
        QVERIFY2(tile->caption().contains(QLatin1String("2 active numbers")), qPrintable(tile->caption()));
        // The "Assistants behind" tile stays beside it.
        QVERIFY(dashboard.assistantsBehindTile());
    }
};

QTEST_MAIN(TestCostsView)
#include "tst_costsview.moc"
