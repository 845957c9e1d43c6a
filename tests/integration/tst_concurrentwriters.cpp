#include "store/migrator.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

// Several processes write to one store at once (two consoles, or a console and orgctl): nothing may be
// corrupted or lost, and each contested transition goes to exactly one of them.
class TestConcurrentWriters : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    // QVERIFY-style helper: check QTest::currentTestFailed() after calling it.
    void runWriters(int writers, int count, QList<QJsonObject> &results)
    {
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int w = 0; w < writers; ++w) {
            auto p = std::make_unique<QProcess>();
            p->setProgram(QStringLiteral(STORE_WRITER));
            p->setArguments({m_db->urlText(), QStringLiteral("writer%1").arg(w), QString::number(count)});
            processes.push_back(std::move(p));
        }
        for (auto &p : processes)
            p->start();
        for (auto &p : processes) {
            QSignalSpy finished(p.get(), &QProcess::finished);
            if (p->state() != QProcess::NotRunning)
                QVERIFY(finished.wait(120000));
            const QByteArray out = p->readAllStandardOutput();
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, (out + err).constData());
            results << QJsonDocument::fromJson(out).object();
        }
    }

    qint64 scalar(Store &store, const QString &sql)
    {
        auto q = store.database().exec(sql);
        q.value().next();
        return q.value().value(0).toLongLong();
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
    }
    void cleanup() { m_db.reset(); }

    void processesMigratingAtOnceAllSucceed()
    {
        QList<QJsonObject> results;
        runWriters(3, 0, results);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(results.size(), 3);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        QCOMPARE(scalar(*store.value(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), qint64(Migrator::latestVersion()));
    }

    void processesWritingAtOnceLoseNothingAndEachRaceHasOneWinner()
    {
        constexpr int kShared = 40;
        constexpr int kPerWriter = 150;
        {
            auto store = Store::open(m_db->url());
            QVERIFY(store.ok());
            QList<NewOrganization> shared;
            for (int i = 0; i < kShared; ++i)
                shared << NewOrganization{QStringLiteral("Shared %1").arg(i), QStringLiteral("s%1@shared.com").arg(i), {}, {}, OrgStatus::Pending, {}};
            QVERIFY(store.value()->organizations().addMany(shared).ok());
        }
        QList<QJsonObject> results;
        runWriters(2, kPerWriter, results);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(results.size(), 2);
        int statusWins = 0, runWins = 0;
        for (const auto &r : results) {
            QCOMPARE(r.value(QStringLiteral("added")).toInt(), kPerWriter);
            statusWins += r.value(QStringLiteral("statusWins")).toInt();
            runWins += r.value(QStringLiteral("runWins")).toInt();
        }
        QCOMPARE(statusWins, kShared);
        QCOMPARE(runWins, kShared);

        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        Store &s = *store.value();
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(*) FROM organizations")), qint64(kShared + 2 * kPerWriter));
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(DISTINCT company_name) FROM organizations")), qint64(kShared + 2 * kPerWriter));
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(*) FROM audit_log")), qint64(2 * kPerWriter));
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(*) FROM organizations WHERE status = 'verified'")), qint64(kShared));
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(*) FROM provisioning_runs")), qint64(kShared));
        // Every audit line points at an organization that exists.
        QCOMPARE(scalar(s, QStringLiteral("SELECT COUNT(*) FROM audit_log a LEFT JOIN organizations o ON o.id = a.organization_id "
                                          "WHERE o.id IS NULL")), qint64(0));
        if (s.database().engine() == Database::Engine::Sqlite) {
            auto check = s.database().exec(QStringLiteral("PRAGMA integrity_check"));
            check.value().next();
            QCOMPARE(check.value().value(0).toString(), QStringLiteral("ok"));
        }
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWriters)
#include "tst_concurrentwriters.moc"
