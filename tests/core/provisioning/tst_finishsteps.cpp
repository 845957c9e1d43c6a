// save_config and send_email alone, with a real journal under a real lease: the configuration saved with every id
// in one fenced transaction, and the approval e-mail sent over real SMTP (the sandbox's sink, STARTTLS and AUTH
// required) — what each writes, sends and journals, and how it fails. Neither talks to the vendors.
#include "mail/mailer.h"
#include "mail/mimeparser.h"
#include "provisioning/finishsteps.h"
#include "provisioning/stepnames.h"
#include "sandbox/sandbox.h"
#include "stepharness.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::test::StepHarness;
using pipeline::StepOutcome;

class tst_FinishSteps : public QObject
{
    Q_OBJECT

private:
    StepHarness h;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Mailer> m_mailer;

    // Everything the steps before save_config leave: the number, both assistants, the registration.
    void everythingMade()
    {
        h.numberBought();
        h.assistantMade(AssistantRole::Inbound, QStringLiteral("a-1"));
        h.assistantMade(AssistantRole::Outbound, QStringLiteral("b-1"));
        VapiPhoneNumber p;
        p.id = QStringLiteral("p-1");
        p.number = StepHarness::kPhone;
        p.assistantId = QStringLiteral("a-1");
        [&] {
            QVERIFY(h.ctx().journal.intent(steps::kRegisterNumber, StepHarness::kPhone, 1).ok());
            QVERIFY(h.ctx().journal.done(steps::kRegisterNumber, p.id, p.number).ok());
        }();
        h.ctx().vapiNumber = p;
    }

    void useMailer(const QString &password)
    {
        const auto &cred = m_sandbox->credentials();
        m_mailer = std::make_unique<Mailer>(SmtpConfig{m_sandbox->smtpUrl(), cred.smtpUser, password, m_sandbox->caFile()});
        h.services().mailer = m_mailer.get();
    }

    bool savedConfig() { return h.store().aiConfigs().findByOrganization(h.ctx().org.id).ok(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        const auto started = m_sandbox->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    }

    void init() { h.setUp(); }

    void cleanup()
    {
        h.tearDown();
        m_mailer.reset();
    }

    void saveRecordsEveryIdInOneConfigurationAndJournalsItsRow()
    {
        everythingMade();
        const StepOutcome o = h.run(new SaveConfigStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QVERIFY(h.requests().isEmpty());
        auto saved = h.store().aiConfigs().findByOrganization(h.ctx().org.id);
        QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
        const AiConfig &c = saved.value();
        QCOMPARE(c.clientId, QStringLiteral("owner-7"));
        QCOMPARE(c.runId, h.runId());
        QCOMPARE(c.number, StepHarness::kPhone);
        QCOMPARE(c.phoneNumberSid, StepHarness::kPN);
        QCOMPARE(c.inboundAssistantId, QStringLiteral("a-1"));
        QCOMPARE(c.outboundAssistantId, QStringLiteral("b-1"));
        QCOMPARE(c.vapiPhoneNumberId, QStringLiteral("p-1"));
        QCOMPARE(c.twilioAccountSid, StepHarness::kAccount);
        QCOMPARE(c.vapiOrgId, QStringLiteral("vapi-org-1"));
        QCOMPARE(c.status, AiConfigStatus::Active);
        QVERIFY(c.setupCompleted);
        const RunStep line = h.journaled(steps::kSaveConfig);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.externalId, QString::number(c.id));
    }

    void saveBeforeEveryResourceExistsSavesNothing()
    {
        everythingMade();
        h.ctx().vapiNumber.reset();
        const StepOutcome o = h.run(new SaveConfigStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY2(o.error.contains(QLatin1String("before every resource existed")), qPrintable(o.error));
        QVERIFY(!savedConfig());
        QCOMPARE(h.journaled(steps::kSaveConfig).status, StepStatus::Pending);
    }

    // The configuration and its journal line commit together under the lease: without it, neither.
    void saveWithoutTheLeaseSavesNothing()
    {
        everythingMade();
        h.loseTheLease();
        const StepOutcome o = h.run(new SaveConfigStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Fenced);
        QVERIFY(!savedConfig());
        QCOMPARE(h.journaled(steps::kSaveConfig).status, StepStatus::Pending);
    }

    void emailGoesToTheOwnerAfterItsIntentAndIsJournaledDone()
    {
        everythingMade();
        useMailer(m_sandbox->credentials().smtpPassword);
        const qsizetype before = m_sandbox->messages().size();
        StepStatus whenReceived = StepStatus::Pending;
        QString tagWhenReceived;
        connect(m_sandbox.get(), &sandbox::Sandbox::messageReceived, this, [&] {
            const RunStep line = h.journaled(steps::kSendEmail);
            whenReceived = line.status;
            tagWhenReceived = line.lookupTag;
        });
        const StepOutcome o = h.run(new SendEmailStep(h.ctx()));
        m_sandbox->disconnect(this);
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(m_sandbox->messages().size(), before + 1);
        QCOMPARE(whenReceived, StepStatus::Intent);
        QCOMPARE(tagWhenReceived, QStringLiteral("o@acme.example"));
        const sandbox::SmtpMessage &m = m_sandbox->messages().last();
        QCOMPARE(m.mailFrom, QStringLiteral("noreply@acme.example"));
        QCOMPARE(m.rcptTo, QStringList{QStringLiteral("o@acme.example")});
        const mime::ParsedMail mail = mime::parse(m.data);
        QCOMPARE(mail.header("Subject"), QStringLiteral("Your AI phone line for Acme is ready"));
        QVERIFY2(mail.text.contains(QLatin1String("Hi Ann Owner")), qPrintable(mail.text));
        QVERIFY2(mail.text.contains(QLatin1String("ID a-1")) && mail.text.contains(QLatin1String("ID b-1")), qPrintable(mail.text));
        QVERIFY(!mail.html.isEmpty());
        const RunStep line = h.journaled(steps::kSendEmail);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.detail, QStringLiteral("o@acme.example"));
        QVERIFY(h.ctx().emailSent);
        QVERIFY(h.requests().isEmpty());
    }

    void emailWithoutAMailServerFailsAndSaysWhatToDo()
    {
        everythingMade();
        const StepOutcome o = h.run(new SendEmailStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY2(o.error.contains(QLatin1String("no SMTP server is configured")) && o.error.contains(QLatin1String("Resend e-mail")), qPrintable(o.error));
        QCOMPARE(h.journaled(steps::kSendEmail).status, StepStatus::Failed);
        QVERIFY(!h.ctx().emailSent);
    }

    void emailRefusedByTheServerIsJournaledFailed()
    {
        everythingMade();
        useMailer(QStringLiteral("wrong password"));
        const qsizetype before = m_sandbox->messages().size();
        const StepOutcome o = h.run(new SendEmailStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.error.isEmpty());
        QVERIFY2(!o.error.contains(QLatin1String("wrong password")), qPrintable(o.error)); // never the secret
        const RunStep line = h.journaled(steps::kSendEmail);
        QCOMPARE(line.status, StepStatus::Failed);
        QCOMPARE(line.error, o.error);
        QCOMPARE(m_sandbox->messages().size(), before);
        QVERIFY(!h.ctx().emailSent);
    }

    void emailWithoutTheLeaseSendsNothing()
    {
        everythingMade();
        useMailer(m_sandbox->credentials().smtpPassword);
        const qsizetype before = m_sandbox->messages().size();
        h.loseTheLease();
        const StepOutcome o = h.run(new SendEmailStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Fenced);
        QCOMPARE(m_sandbox->messages().size(), before);
        QCOMPARE(h.journaled(steps::kSendEmail).status, StepStatus::Pending);
    }
};

QTEST_GUILESS_MAIN(tst_FinishSteps)
#include "tst_finishsteps.moc"
