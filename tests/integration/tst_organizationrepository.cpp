#include "store/store.h"
#include "testdatabase.h"

#include <QTest>

using namespace oc;

class TestOrganizationRepository : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;

    NewOrganization org(const QString &name, const QString &email, OrgStatus status = OrgStatus::Pending,
                        qint64 createdMs = 0)
    {
        NewOrganization o{name, email, QStringLiteral("Owner of ") + name, {}, status, {}};
        if (createdMs)
            o.createdAt = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC);
        return o;
    }

    QStringList names(const QList<Organization> &orgs)
    {
        QStringList out;
        for (const auto &o : orgs)
            out << o.companyName;
        return out;
    }

    void addSample()
    {
        const QList<NewOrganization> sample{
            org(QStringLiteral("bravo Plumbing"), QStringLiteral("b@bravo.com"), OrgStatus::Pending, 1000),
            org(QStringLiteral("Alpha Dental"), QStringLiteral("a@alpha.com"), OrgStatus::Verified, 2000),
            org(QStringLiteral("Charlie 100% Roofing"), QStringLiteral("c@charlie.com"), OrgStatus::Pending, 3000),
            org(QStringLiteral("Delta_Law"), QStringLiteral("d@delta.com"), OrgStatus::Rejected, 4000),
            org(QStringLiteral("Écho Café ☕"), QStringLiteral("e@echo.com"), OrgStatus::Suspended, 5000),
        };
        auto added = m_store->organizations().addMany(sample);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        auto store = Store::open(m_db->url());
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        m_store = std::move(store).value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void addsAndFindsWhatWasAddedExactly()
    {
        const QString hostile = QStringLiteral("<script>alert('x')</script> & Söhne 🎉 \"Quoted\"");
        auto id = m_store->organizations().add(org(hostile, QStringLiteral("ceo@sohne.de")));
        QVERIFY(id.ok());
        QVERIFY(id.value() > 0);
        auto found = m_store->organizations().find(id.value());
        QVERIFY(found.ok());
        QCOMPARE(found->companyName, hostile);
        QCOMPARE(found->ownerEmail, QStringLiteral("ceo@sohne.de"));
        QCOMPARE(found->status, OrgStatus::Pending);
        QVERIFY(!found->isVerified);
        QVERIFY(found->createdAt.isValid());
        QVERIFY(qAbs(found->createdAt.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    }

    void invalidInputWritesNothing()
    {
        auto id = m_store->organizations().add(org(QStringLiteral("Evil\r\nCorp"), QStringLiteral("x@y.com")));
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, Error::Kind::Invalid);
        auto many = m_store->organizations().addMany({org(QStringLiteral("Good"), QStringLiteral("g@good.com")),
                                                      org(QStringLiteral("Bad"), QStringLiteral("not-an-email"))});
        QVERIFY(!many.ok());
        QVERIFY(many.error().message.startsWith(QLatin1String("row 2:")));
        QCOMPARE(m_store->organizations().count({}).value(), 0);
    }

    void findingAMissingIdSaysNotFound()
    {
        auto found = m_store->organizations().find(987654);
        QVERIFY(!found.ok());
        QCOMPARE(found.error().kind, Error::Kind::NotFound);
        QCOMPARE(found.error().message, QStringLiteral("no organization with id 987654"));
    }

    void filtersByStatusAndSearchCaseInsensitively()
    {
        addSample();
        OrgQuery q;
        q.status = OrgStatus::Pending;
        q.sort = OrgQuery::Sort::CreatedAt;
        q.order = Qt::AscendingOrder;
        QCOMPARE(names(m_store->organizations().list(q).value()),
                 (QStringList{QStringLiteral("bravo Plumbing"), QStringLiteral("Charlie 100% Roofing")}));
        QCOMPARE(m_store->organizations().count(q).value(), 2);

        OrgQuery search;
        search.search = QStringLiteral("ALPHA");
        QCOMPARE(names(m_store->organizations().list(search).value()), QStringList{QStringLiteral("Alpha Dental")});
        search.search = QStringLiteral("delta.com"); // matches the e-mail
        QCOMPARE(names(m_store->organizations().list(search).value()), QStringList{QStringLiteral("Delta_Law")});
        search.search = QStringLiteral("Café");
        QCOMPARE(names(m_store->organizations().list(search).value()), QStringList{QStringLiteral("Écho Café ☕")});
    }

    void searchTreatsWildcardsLiterally()
    {
        addSample();
        OrgQuery q;
        q.search = QStringLiteral("100%");
        QCOMPARE(names(m_store->organizations().list(q).value()), QStringList{QStringLiteral("Charlie 100% Roofing")});
        q.search = QStringLiteral("_");
        QCOMPARE(names(m_store->organizations().list(q).value()), QStringList{QStringLiteral("Delta_Law")});
        q.search = QStringLiteral("%");
        QCOMPARE(m_store->organizations().count(q).value(), 1);
    }

    void sortsByNameIgnoringAsciiCase()
    {
        addSample();
        OrgQuery q;
        q.sort = OrgQuery::Sort::CompanyName;
        q.order = Qt::AscendingOrder;
        QCOMPARE(names(m_store->organizations().list(q).value()),
                 (QStringList{QStringLiteral("Alpha Dental"), QStringLiteral("bravo Plumbing"), QStringLiteral("Charlie 100% Roofing"),
                              QStringLiteral("Delta_Law"), QStringLiteral("Écho Café ☕")}));
    }

    void keysetPagingVisitsEveryRowOnceInOrder_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<int>("order");
        for (auto [sort, label] : {std::pair{OrgQuery::Sort::CreatedAt, "created"}, std::pair{OrgQuery::Sort::CompanyName, "name"},
                                   std::pair{OrgQuery::Sort::OwnerEmail, "email"}, std::pair{OrgQuery::Sort::Status, "status"}}) {
            QTest::addRow("%s asc", label) << int(sort) << int(Qt::AscendingOrder);
            QTest::addRow("%s desc", label) << int(sort) << int(Qt::DescendingOrder);
        }
    }

    void keysetPagingVisitsEveryRowOnceInOrder()
    {
        QFETCH(int, sort);
        QFETCH(int, order);
        // Duplicate sort values across page boundaries are the interesting case.
        QList<NewOrganization> many;
        for (int i = 0; i < 250; ++i)
            many << org(QStringLiteral("Org %1").arg(i % 7), QStringLiteral("o%1@x.com").arg(i % 5),
                        OrgStatus(i % 4), 1000 + (i % 11));
        QVERIFY(m_store->organizations().addMany(many).ok());

        OrgQuery all;
        all.sort = OrgQuery::Sort(sort);
        all.order = Qt::SortOrder(order);
        all.limit = 1000;
        const QList<Organization> expected = m_store->organizations().list(all).value();
        QCOMPARE(expected.size(), 250);

        OrgQuery page = all;
        page.limit = 17;
        QList<qint64> seen;
        for (;;) {
            auto rows = m_store->organizations().list(page);
            QVERIFY(rows.ok());
            if (rows->isEmpty())
                break;
            for (const auto &o : rows.value())
                seen << o.id;
            page.after = page.keyOf(rows->constLast());
        }
        QList<qint64> expectedIds;
        for (const auto &o : expected)
            expectedIds << o.id;
        QCOMPARE(seen, expectedIds);

        OrgQuery offset = all;
        offset.limit = 10;
        offset.offset = 240;
        QCOMPARE(m_store->organizations().list(offset)->constFirst().id, expectedIds.at(240));
    }

    void theMatchCountHintChangesThePlanNeverTheRows_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("byStatus");
        QTest::addColumn<QString>("search");
        for (auto [sort, label] : {std::pair{OrgQuery::Sort::CreatedAt, "created"}, std::pair{OrgQuery::Sort::CompanyName, "name"},
                                   std::pair{OrgQuery::Sort::Status, "status"}}) {
            QTest::addRow("%s desc, status", label) << int(sort) << int(Qt::DescendingOrder) << true << QString();
            QTest::addRow("%s asc, search", label) << int(sort) << int(Qt::AscendingOrder) << false << QStringLiteral("ORG 3");
            QTest::addRow("%s desc, status+search", label) << int(sort) << int(Qt::DescendingOrder) << true << QStringLiteral("@X.");
        }
    }

    // knownMatches steers SQLite between a table scan and walking the sort index (and off the status index):
    // every page must come out the same whatever the hint says, on both engines.
    void theMatchCountHintChangesThePlanNeverTheRows()
    {
        QFETCH(int, sort);
        QFETCH(int, order);
        QFETCH(bool, byStatus);
        QFETCH(QString, search);
        QList<NewOrganization> many;
        for (int i = 0; i < 250; ++i)
            many << org(QStringLiteral("Org %1").arg(i % 7), QStringLiteral("o%1@x.com").arg(i % 5), OrgStatus(i % 4), 1000 + (i % 11));
        QVERIFY(m_store->organizations().addMany(many).ok());

        const auto paged = [this](OrgQuery q) {
            QList<qint64> ids;
            q.limit = 13;
            for (;;) {
                auto rows = m_store->organizations().list(q);
                if (!rows || rows->isEmpty())
                    break;
                for (const auto &o : rows.value())
                    ids << o.id;
                q.after = q.keyOf(rows->constLast());
            }
            return ids;
        };
        OrgQuery q;
        q.sort = OrgQuery::Sort(sort);
        q.order = Qt::SortOrder(order);
        if (byStatus)
            q.status = OrgStatus::Pending;
        q.search = search;
        const QList<qint64> plain = paged(q);
        QCOMPARE(plain.size(), m_store->organizations().count(q).value());
        QVERIFY(!plain.isEmpty());
        for (qint64 hint : {qint64(1), qint64(1'000'000)}) {
            q.knownMatches = hint;
            QCOMPARE(paged(q), plain);
        }
    }

    void setStatusVerifiesAndGuardsTheTransition()
    {
        auto id = m_store->organizations().add(org(QStringLiteral("Acme"), QStringLiteral("a@acme.com")));
        QVERIFY(id.ok());
        QVERIFY(m_store->organizations().setStatus(id.value(), OrgStatus::Verified, OrgStatus::Pending).ok());
        auto found = m_store->organizations().find(id.value());
        QCOMPARE(found->status, OrgStatus::Verified);
        QVERIFY(found->isVerified);
        // A second console trying the same transition loses, with a message saying why.
        auto again = m_store->organizations().setStatus(id.value(), OrgStatus::Verified, OrgStatus::Pending);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, Error::Kind::Conflict);
        QVERIFY2(again.error().message.contains(QLatin1String("is verified, not pending")), qPrintable(again.error().message));
        auto missing = m_store->organizations().setStatus(999999, OrgStatus::Verified);
        QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    }

    void aTransactionThatFailsLeavesNothingBehind()
    {
        auto r = m_store->database().transaction([&]() -> Result<void> {
            auto id = m_store->organizations().add(org(QStringLiteral("Ghost"), QStringLiteral("g@ghost.com")));
            if (!id)
                return id.error();
            return Error::storage(QStringLiteral("simulated failure after the insert"));
        });
        QVERIFY(!r.ok());
        QCOMPARE(m_store->organizations().count({}).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrganizationRepository)
#include "tst_organizationrepository.moc"
