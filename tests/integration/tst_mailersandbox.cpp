// The mailer against the sandbox's SMTP sink running in the test's own thread, like `orgconsole --sandbox`
// does in the GUI thread. libcurl blocks while an SMTP server answers the end of DATA; these cases prove that
// block happens on the Mailer's worker thread, not on the caller's: the server here can only answer, and the
// timer only tick, while the caller's event loop is free.
#include "mail/mailer.h"
#include "sandbox/sandbox.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace oc;

namespace {

MailMessage messageTo(const QString &address)
{
    MailMessage m;
    m.fromAddress = QStringLiteral("notifications@orgconsole.example");
    m.fromName = QStringLiteral("OrgConsole");
    m.toAddress = address;
    m.toName = QStringLiteral("Pat Owner");
    m.subject = QStringLiteral("Your AI phone line is ready");
    m.textBody = QStringLiteral("Hello Pat,\n\nYour number is (510) 555-1234.\n");
    m.htmlBody = QStringLiteral("<p>Hello Pat</p>");
    return m;
}

} // namespace

class TestMailerSandbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;

    SmtpConfig config() const
    {
        SmtpConfig c{m_sandbox->smtpUrl(), m_sandbox->credentials().smtpUser, m_sandbox->credentials().smtpPassword,
                     m_sandbox->caFile()};
        c.timeout = std::chrono::seconds(20);
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        const Result<void> started = m_sandbox->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    }

    void cleanup() { m_sandbox.reset(); }

    void deliversToAServerInTheSameThread()
    {
        Mailer mailer(config());
        auto job = mailer.send(messageTo(QStringLiteral("owner@customer.example")));
        QSignalSpy spy(job.get(), &MailJob::finished);
        QVERIFY(spy.wait(30000));
        QVERIFY2(job->result().ok(), qPrintable(job->result().message));
        QCoreApplication::processEvents(); // a second emission would show up here
        QCOMPARE(spy.count(), 1);
        QCOMPARE(m_sandbox->messages().size(), 1);
        QCOMPARE(m_sandbox->messages().at(0).rcptTo, QStringList{QStringLiteral("owner@customer.example")});
        QCOMPARE(m_sandbox->messages().at(0).mailFrom, QStringLiteral("notifications@orgconsole.example"));
        QCOMPARE(m_sandbox->messages().at(0).authenticatedUser, m_sandbox->credentials().smtpUser);
    }

    void callerEventLoopRunsDuringTheSend()
    {
        Mailer mailer(config());
        // Three jobs at once on the one worker thread, to show it multiplexes rather than serialises callers.
        std::vector<std::unique_ptr<MailJob>> jobs;
        for (int i = 0; i < 3; ++i)
            jobs.push_back(mailer.send(messageTo(QStringLiteral("owner%1@customer.example").arg(i))));
        const auto running = [&] {
            return std::any_of(jobs.begin(), jobs.end(), [](const auto &j) { return !j->isFinished(); });
        };
        int ticksWhileSending = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&] { ticksWhileSending += running() ? 1 : 0; });
        ticker.start();
        // The sink takes the whole message, end of DATA included, on this thread while the jobs still run.
        int receivedWhileSending = 0;
        connect(m_sandbox.get(), &sandbox::Sandbox::messageReceived, this, [&] { receivedWhileSending += running() ? 1 : 0; });

        QTRY_VERIFY_WITH_TIMEOUT(!running(), 30000);
        ticker.stop();
        for (const auto &job : jobs)
            QVERIFY2(job->result().ok(), qPrintable(job->result().message));
        QCOMPARE(m_sandbox->messages().size(), 3);
        QVERIFY2(receivedWhileSending >= 1, "the sink never got a message while a send was in progress");
        QVERIFY2(ticksWhileSending >= 10, qPrintable(QStringLiteral("only %1 ticks during the send").arg(ticksWhileSending)));
    }

    void destroyingARunningJobCancelsSilently()
    {
        Mailer mailer(config());
        auto doomed = mailer.send(messageTo(QStringLiteral("nobody@customer.example")));
        bool emitted = false;
        connect(doomed.get(), &MailJob::finished, this, [&] { emitted = true; });
        doomed.reset();
        // The Mailer still works afterwards, and a later send goes through.
        auto job = mailer.send(messageTo(QStringLiteral("owner@customer.example")));
        QSignalSpy spy(job.get(), &MailJob::finished);
        QVERIFY(spy.wait(30000));
        QVERIFY2(job->result().ok(), qPrintable(job->result().message));
        QVERIFY(!emitted);
    }

    void destroyingTheMailerFinishesRunningJobsAsCanceled()
    {
        auto mailer = std::make_unique<Mailer>(config());
        auto job = mailer->send(messageTo(QStringLiteral("owner@customer.example")));
        QSignalSpy spy(job.get(), &MailJob::finished);
        mailer.reset(); // joins the worker thread; the transfer dies there
        QVERIFY(spy.wait(5000));
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(job->result().kind, MailResult::Kind::Canceled);
        job->cancel(); // a no-op now
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMailerSandbox)
#include "tst_mailersandbox.moc"
