#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

// Three consoles race: three orgctl processes approve the same 20 organizations at once on one PostgreSQL.
// Exactly 20 numbers are bought and 40 assistants created; the only error any loser sees is
// "already in progress".
class TestApproveRace : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
    }

private Q_SLOTS:
    void threeConsolesApprovingTheSameOrganizationsBuyEachNumberOnce()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("postgresql"), &why);
        if (!m_db) {
            if (test::underCi())
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        QList<qint64> orgs;
        {
            auto store = Store::open(m_db->url());
            QVERIFY(store.ok());
            for (int i = 0; i < 20; ++i)
                orgs << store.value()->organizations().add({QStringLiteral("Race %1 Plumbing").arg(i), QStringLiteral("o%1@race.example").arg(i),
                                                            {}, {}, OrgStatus::Pending, {}}).value();
        }
        sandbox::SandboxConfig config;
        config.profile = sandbox::LatencyProfile::Seed;
        config.scale = 0.005; // a few tens of milliseconds per call, so the races overlap
        m_sandbox = std::make_unique<sandbox::Sandbox>(config);
        QVERIFY(m_sandbox->start().ok());

        // Three "consoles", each working through all 20 organizations, all at once.
        struct Console {
            std::unique_ptr<QProcess> process;
            int next = 0;
            int successes = 0;
            QStringList errors;
        };
        std::vector<Console> consoles(3);
        int running = 0;
        std::function<void(Console &)> launch = [&](Console &c) {
            if (c.next >= orgs.size())
                return;
            c.process = std::make_unique<QProcess>();
            c.process->setProcessEnvironment(environment());
            QObject::connect(c.process.get(), &QProcess::finished, this, [&, cp = &c](int code, QProcess::ExitStatus status) {
                const QByteArray err = cp->process->readAllStandardError();
                if (status == QProcess::NormalExit && code == 0)
                    ++cp->successes;
                else
                    cp->errors << QString::fromUtf8(err).trimmed();
                cp->process.release()->deleteLater();
                --running;
                launch(*cp);
            });
            ++running;
            // Each console takes the organizations in a different order, so they collide everywhere.
            const int index = (c.next + int(&c - consoles.data()) * 7) % int(orgs.size());
            ++c.next;
            c.process->start(QStringLiteral(ORGCTL), {QStringLiteral("approve"), QString::number(orgs.at(index)),
                                                      QStringLiteral("--area-code"), QStringLiteral("510")});
        };
        for (Console &c : consoles)
            launch(c);
        QTRY_VERIFY_WITH_TIMEOUT(running == 0 && std::all_of(consoles.begin(), consoles.end(), [&](const Console &c) {
                                     return c.next >= orgs.size();
                                 }), 240000);

        for (const Console &c : consoles) {
            for (const QString &e : c.errors)
                QVERIFY2(e.contains(QLatin1String("already in progress")), qPrintable(e));
        }
        // 20 numbers owned and none released: no purchase was made twice and undone. (Buy calls may exceed 20:
        // runs for different organizations race for the same search results and lose some with 21422.)
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.release")).calls, 0);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.delete")).calls, 0);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().size(), 20);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("assistants")).toArray().size(), 40);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("phoneNumbers")).toArray().size(), 20);
        auto store = Store::open(m_db->url());
        QCOMPARE(store.value()->aiConfigs().all()->size(), 20);
    }
};

QTEST_GUILESS_MAIN(TestApproveRace)
#include "tst_approverace.moc"
