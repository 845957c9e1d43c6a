#include "searchoracle.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSqlQuery>

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


    // Rows that make searching hard: wildcards, the escape character, quotes, emoji, CJK, mixed case, non-ASCII
    // case pairs that ASCII folding must keep apart (É/é, K/Kelvin sign, ß/SS), query-syntax words, no owner name.
    QList<Organization> addHostileCorpus()
    {
        const QStringList names{
            QStringLiteral("bravo Plumbing"), QStringLiteral("Alpha Dental"), QStringLiteral("Charlie 100% Roofing"),
            QStringLiteral("Delta_Law"), QStringLiteral("Écho Café ☕"), QStringLiteral("écho café en minuscules"),
            QStringLiteral("100% Organic™ Farms"), QStringLiteral("Smith_&_Co <script>x</script>"),
            QStringLiteral("C:\\Path\\To\\Co"), QStringLiteral("O'Brien & Daughters Pub"),
            QStringLiteral("<b>Bold</b> & \"Quoted\" Marketing"), QStringLiteral("🚀 Rocket Repairs 🔧"),
            QStringLiteral("東京テクノロジー株式会社"), QStringLiteral("서울 치과 의원"), QStringLiteral("MiXeD CaSe GmbH"),
            QStringLiteral("KELVIN \u212A Labs"), QStringLiteral("Straße Bau"), QStringLiteral("STRASSE Bau"),
            QStringLiteral("İstanbul Döner"), QStringLiteral("ΣΊΣΥΦΟΣ Ταβέρνα"), QStringLiteral("a%b_c\\d"),
            QStringLiteral("aaaa aaaa"), QStringLiteral("Ab"), QStringLiteral("x"), QStringLiteral("NEAR AND OR NOT {x} * ^ : -"),
        };
        QList<NewOrganization> orgs;
        for (int i = 0; i < names.size(); ++i) {
            NewOrganization o{names[i], QStringLiteral("owner%1@example%2.com").arg(i).arg(i % 3), QStringLiteral("Owner %1").arg(i),
                              {}, OrgStatus(i % 4), QDateTime::fromMSecsSinceEpoch(1000 + 10 * i, Qt::UTC)};
            if (i == 3)
                o.ownerName = QString(); // stored as NULL
            if (i == 4)
                o.ownerName = QStringLiteral("Zoë ÜNAL");
            if (i == 5)
                o.ownerEmail = QStringLiteral("CEO@MiXeD.COM");
            if (i == 6)
                o.ownerEmail = QStringLiteral("o'brien+tag@pub.ie");
            orgs << o;
        }
        auto added = m_store->organizations().addMany(orgs);
        if (!added)
            qWarning("%s", qPrintable(added.error().message));
        OrgQuery all;
        all.order = Qt::AscendingOrder;
        all.limit = 1000;
        return m_store->organizations().list(all).value();
    }

    QList<qint64> pagedIds(OrgQuery q, int pageSize)
    {
        QList<qint64> ids;
        q.limit = pageSize;
        for (int guard = 0; guard < 1000; ++guard) {
            auto rows = m_store->organizations().list(q);
            if (!rows || rows->isEmpty())
                break;
            for (const auto &o : rows.value())
                ids << o.id;
            q.after = q.keyOf(rows->constLast());
        }
        return ids;
    }

    // Every plan (no hint, a hint of few matches, a hint of many) pages out exactly `expected`, and count() agrees.
    void expectSearch(OrgQuery q, const QList<qint64> &expected)
    {
        QCOMPARE(m_store->organizations().count(q).value(), qint64(expected.size()));
        for (std::optional<qint64> hint : {std::optional<qint64>(), std::optional<qint64>(1), std::optional<qint64>(1'000'000)}) {
            q.knownMatches = hint;
            QCOMPARE(pagedIds(q, 4), expected);
        }
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

    void searchMatchesABruteForceSubstringFilter_data()
    {
        QTest::addColumn<QString>("term");
        const QStringList terms{
            QStringLiteral("%"), QStringLiteral("_"), QStringLiteral("\\"), QStringLiteral("'"), QStringLiteral("\""),
            QStringLiteral("\"\""), QStringLiteral("%_"), QStringLiteral("100%"), QStringLiteral("0% O"), QStringLiteral("h_&_c"),
            QStringLiteral("\\pa"), QStringLiteral("a%b_c\\d"), QStringLiteral("b_c"), QStringLiteral("o'b"), QStringLiteral("\"quoted\""),
            QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("AB"), QStringLiteral("x"), QStringLiteral("é"), QStringLiteral("É"),
            QStringLiteral("écho"), QStringLiteral("ÉCHO"), QStringLiteral("Écho"), QStringLiteral("CAFÉ"), QStringLiteral("café"),
            QStringLiteral("☕"), QStringLiteral("🚀"), QStringLiteral("🚀 r"), QStringLiteral("🔧"), QStringLiteral("東京"),
            QStringLiteral("東京テ"), QStringLiteral("テクノロジー"), QStringLiteral("치과 의"), QStringLiteral("k"),
            QStringLiteral("\u212A"), QStringLiteral("kelvin \u212A"), QStringLiteral("kelvin k"), QStringLiteral("ß"),
            QStringLiteral("straße"), QStringLiteral("STRASSE"), QStringLiteral("strasse"), QStringLiteral("ΣΊΣ"), QStringLiteral("σίσ"),
            QStringLiteral("İst"), QStringLiteral("ist"), QStringLiteral("mixed case"), QStringLiteral("MIXED"),
            QStringLiteral("  Padded Rocket  "), QStringLiteral("owner 1"), QStringLiteral("EXAMPLE1.COM"), QStringLiteral("@mixed"),
            QStringLiteral("zoë ü"), QStringLiteral("aaa"), QStringLiteral("aaaa a"), QStringLiteral("NEAR"), QStringLiteral("{x} *"),
            QStringLiteral("* ^ :"), QStringLiteral("AND OR"), QStringLiteral("pending"), QStringLiteral("pen"), QStringLiteral("nothing here"),
            QString(10000, QLatin1Char('a')), QString(10000, QChar(0x6771)), QStringLiteral("🚀").repeated(5000),
        };
        for (const QString &t : terms)
            QTest::newRow(qPrintable(t.left(12) + QStringLiteral(" (%1)").arg(t.size()))) << t;
    }

    // Whichever way the store finds them (the trigram index, LIKE, a scan, a walk of the sort index), the rows
    // of a search are exactly the brute-force filter's, in order, with or without a status, on both engines.
    void searchMatchesABruteForceSubstringFilter()
    {
        QFETCH(QString, term);
        const QList<Organization> rows = addHostileCorpus();
        QCOMPARE(rows.size(), 25);
        QList<Organization> byName = rows;
        std::sort(byName.begin(), byName.end(), [](const Organization &a, const Organization &b) {
            const QByteArray ka = a.companyName.toLower().toUtf8(), kb = b.companyName.toLower().toUtf8();
            return ka != kb ? ka < kb : a.id < b.id;
        });
        bool sortable = true; // the oracle's order by name is byte-wise lower(); only where ASCII folding agrees
        for (const Organization &o : rows)
            sortable = sortable && o.companyName.toLower() == [&] { QString s = o.companyName; for (QChar &c : s) if (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) c = c.toLower(); return s; }();
        for (std::optional<OrgStatus> status : {std::optional<OrgStatus>(), std::optional<OrgStatus>(OrgStatus::Pending)}) {
            OrgQuery q;
            q.search = term;
            q.status = status;
            q.order = Qt::DescendingOrder;
            QList<qint64> newestFirst = test::bruteForceSearch(rows, term, status);
            std::reverse(newestFirst.begin(), newestFirst.end());
            expectSearch(q, newestFirst);
            if (QTest::currentTestFailed())
                return;
            if (!sortable)
                continue;
            q.sort = OrgQuery::Sort::CompanyName;
            q.order = Qt::AscendingOrder;
            expectSearch(q, test::bruteForceSearch(byName, term, status));
            if (QTest::currentTestFailed())
                return;
        }
    }

    // The index follows every write: a new row is found, a renamed one under its new name only, a status change
    // moves it between status filters, a changed e-mail is found by the new one, a deleted row is gone.
    void searchFollowsInsertsUpdatesAndDeletes()
    {
        addSample();
        NewOrganization acme = org(QStringLiteral("Acme Rockets"), QStringLiteral("boss@acme.example"));
        acme.ownerName = QStringLiteral("Wile Coyote");
        auto id = m_store->organizations().add(acme);
        QVERIFY(id.ok());
        const auto search = [](const QString &term, std::optional<OrgStatus> status = std::nullopt) {
            OrgQuery q;
            q.search = term;
            q.status = status;
            return q;
        };
        expectSearch(search(QStringLiteral("rocket")), {id.value()});
        Database &db = m_store->database();
        QVERIFY(db.exec(QStringLiteral("UPDATE organizations SET company_name = 'Zenith Widgets' WHERE id = ?"), {id.value()}).ok());
        expectSearch(search(QStringLiteral("rocket")), {});
        expectSearch(search(QStringLiteral("WIDGET")), {id.value()});
        expectSearch(search(QStringLiteral("widget"), OrgStatus::Pending), {id.value()});
        QVERIFY(m_store->organizations().setStatus(id.value(), OrgStatus::Verified).ok());
        expectSearch(search(QStringLiteral("widget"), OrgStatus::Pending), {});
        expectSearch(search(QStringLiteral("widget"), OrgStatus::Verified), {id.value()});
        QVERIFY(db.exec(QStringLiteral("UPDATE organizations SET owner_email = 'new@zenith.example', owner_name = NULL WHERE id = ?"),
                        {id.value()}).ok());
        expectSearch(search(QStringLiteral("acme.example")), {});
        expectSearch(search(QStringLiteral("coyote")), {});
        expectSearch(search(QStringLiteral("zenith.ex")), {id.value()});
        QVERIFY(db.exec(QStringLiteral("DELETE FROM organizations WHERE id = ?"), {id.value()}).ok());
        expectSearch(search(QStringLiteral("zenith")), {});
        // The other rows were left as they were.
        QCOMPARE(m_store->organizations().count(search(QStringLiteral("@"))).value(), 5);
        QCOMPARE(m_store->organizations().count(search(QStringLiteral("alpha.com"))).value(), 1);
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
