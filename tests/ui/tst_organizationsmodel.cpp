#include "organizationsmodel.h"
#include "store/storereader.h"
#include "store/demodata.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace oc;

class TestOrganizationsModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        QVERIFY(DemoData::seed(m_store->organizations(), m_store->database(), 1000).ok());
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void loadsAPageAtATimeAndReachesEveryRow()
    {
        StoreReader reader(*m_store);
        OrganizationsModel model(reader);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.totalCount(), 1000);
        // Only whole pages are loaded (the tester itself fetches one more page while checking).
        QVERIFY(model.rowCount() >= OrganizationsModel::kPageSize && model.rowCount() < 1000);
        QCOMPARE(model.rowCount() % OrganizationsModel::kPageSize, 0);
        QSet<qint64> ids;
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1000);
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.index(row, 0).data(OrganizationsModel::IdRole).toLongLong());
        QCOMPARE(ids.size(), 1000);
        // Newest first by default.
        const QDateTime first = model.index(0, OrganizationsModel::CreatedColumn).data(OrganizationsModel::RawValueRole).toDateTime();
        const QDateTime last = model.index(999, OrganizationsModel::CreatedColumn).data(OrganizationsModel::RawValueRole).toDateTime();
        QVERIFY(first >= last);
    }

    // The console's reader: its own connection on its own thread. The rows arrive later, never while the
    // caller waits; an answer to a filter already replaced is dropped, never shown.
    void aThreadedReaderAnswersOffTheCallersThread()
    {
        StoreReader reader(m_db->url(), *m_store);
        QVERIFY(reader.isThreaded());
        QThread *readOn = nullptr;
        bool answered = false;
        reader.read(
            this, [&readOn](Store &) { readOn = QThread::currentThread(); return 1; },
            [&answered](int) { answered = true; });
        QVERIFY(!answered); // not before the caller's event loop turns
        QTRY_VERIFY(answered);
        QVERIFY(readOn && readOn != QThread::currentThread());

        OrganizationsModel model(reader);
        QSignalSpy loaded(&model, &OrganizationsModel::loaded);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(model.rowCount(), OrganizationsModel::kPageSize);
        QTRY_VERIFY(!model.isCounting()); // everything: the first page paints first, the count follows
        QCOMPARE(model.totalCount(), 1000);

        // Two filters in a row (typing): only the last one's rows are ever shown.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setFilter(OrgStatus::Verified, QString());
        model.setFilter(std::nullopt, QStringLiteral("bayview"));
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(resets.size(), 1);
        OrgQuery bayview;
        bayview.search = QStringLiteral("bayview");
        // A search term's page comes first, its exact count after.
        QTRY_VERIFY(!model.isCounting());
        QCOMPARE(model.totalCount(), m_store->organizations().count(bayview).value());
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, OrganizationsModel::CompanyColumn).data().toString().contains(QLatin1String("Bayview"), Qt::CaseInsensitive) ||
                    model.index(row, OrganizationsModel::EmailColumn).data().toString().contains(QLatin1String("bayview"), Qt::CaseInsensitive) ||
                    model.index(row, OrganizationsModel::OwnerColumn).data().toString().contains(QLatin1String("bayview"), Qt::CaseInsensitive));

        // A common term: its first page paints before its exact count is known; the count follows.
        OrgQuery common;
        common.search = QStringLiteral(".co");
        const qint64 commonMatches = m_store->organizations().count(common).value();
        QVERIFY2(commonMatches > OrganizationsModel::kPageSize, "the demo data has more than a page of .co addresses");
        QSignalSpy totals(&model, &OrganizationsModel::totalCountChanged);
        int rowsWhenLoaded = -1;
        bool countingWhenLoaded = false, moreWhenLoaded = false;
        const auto seen = connect(&model, &OrganizationsModel::loaded, this, [&] {
            rowsWhenLoaded = model.rowCount();
            countingWhenLoaded = model.isCounting();
            moreWhenLoaded = model.canFetchMore({});
        });
        model.setFilter(std::nullopt, QStringLiteral(".co"));
        QTRY_COMPARE(loaded.size(), 3);
        disconnect(seen);
        QCOMPARE(rowsWhenLoaded, OrganizationsModel::kPageSize);
        QVERIFY(countingWhenLoaded);
        QVERIFY(moreWhenLoaded);
        QTRY_VERIFY(!model.isCounting());
        QCOMPARE(model.totalCount(), commonMatches);
        QCOMPARE(totals.size(), 1);
        QCOMPARE(totals.at(0).at(0).toLongLong(), commonMatches);

        // Paging: one page per fetchMore, each when the last arrived, until every row is there.
        model.setFilter(std::nullopt, QString());
        QTRY_COMPARE(loaded.size(), 4);
        while (model.canFetchMore({})) {
            const int before = model.rowCount();
            model.fetchMore({});
            model.fetchMore({}); // a second ask while one is out adds nothing
            QTRY_VERIFY(model.rowCount() > before);
            QVERIFY(model.rowCount() - before <= OrganizationsModel::kPageSize);
        }
        QCOMPARE(model.rowCount(), 1000);
    }

    void filterAndSortRequeryTheStore()
    {
        StoreReader reader(*m_store);
        OrganizationsModel model(reader);
        // Qt 6.4's tester calls fetchMore() from its own modelReset handler and then reports the insertion as
        // nested in the reset; so a fresh tester checks the model after each re-query instead.
        auto check = [&] {
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        };
        check();
        QSignalSpy totals(&model, &OrganizationsModel::totalCountChanged);
        model.setFilter(OrgStatus::Verified, QString());
        QCOMPARE(totals.size(), 1);
        OrgQuery verified;
        verified.status = OrgStatus::Verified;
        QCOMPARE(model.totalCount(), m_store->organizations().count(verified).value());
        check();
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, OrganizationsModel::StatusColumn).data().toString(), QStringLiteral("verified"));

        model.setFilter(std::nullopt, QStringLiteral("bayview"));
        QVERIFY(model.totalCount() > 0);
        check();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString text = model.index(row, OrganizationsModel::CompanyColumn).data().toString()
                               + model.index(row, OrganizationsModel::EmailColumn).data().toString();
            QVERIFY2(text.contains(QLatin1String("bayview"), Qt::CaseInsensitive), qPrintable(text));
        }

        model.setFilter(std::nullopt, QString());
        model.sort(OrganizationsModel::CompanyColumn, Qt::AscendingOrder);
        check();
        while (model.canFetchMore({}))
            model.fetchMore({});
        for (int row = 1; row < model.rowCount(); ++row) {
            const QString a = model.index(row - 1, 0).data().toString().toLower();
            const QString b = model.index(row, 0).data().toString().toLower();
            // ASCII case-insensitive byte order, as both engines index it.
            QVERIFY2(a.toUtf8() <= b.toUtf8() || a.compare(b, Qt::CaseInsensitive) <= 0, qPrintable(a + QStringLiteral(" > ") + b));
        }
    }
};

QTEST_MAIN(TestOrganizationsModel)
#include "tst_organizationsmodel.moc"
