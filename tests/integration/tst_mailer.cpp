// The mailer against a real SMTP server (aiosmtpd, tests/support/smtp_test_server.py) with a test CA made
// by the openssl CLI: delivery over STARTTLS and implicit TLS, and every failure ends with a clear message
// while the server receives nothing.
#include "mail/mailer.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace oc;

namespace {

const QString python = QStringLiteral("/usr/bin/python3");
const QString user = QStringLiteral("mailer@example.com");
const QString password = QStringLiteral("correct horse battery");

bool run(const QString &program, const QStringList &args, const QString &dir, QString *why)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = QStringLiteral("%1 %2 failed: %3").arg(program, args.join(u' '), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

// One aiosmtpd process; killed when destroyed.
struct SmtpServer {
    QProcess process;
    QString outDir;
    int port = 0;

    ~SmtpServer()
    {
        process.kill();
        process.waitForFinished(5000);
    }
    QStringList received() const { return QDir(outDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name); }
    QString events() const
    {
        QFile f(outDir + QStringLiteral("/events.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
};

MailMessage sampleMessage()
{
    MailMessage m;
    m.fromAddress = QStringLiteral("notifications@orgconsole.example");
    m.fromName = QStringLiteral("Zoë at Acme Voice");
    m.toAddress = QStringLiteral("owner@customer.example");
    m.toName = QStringLiteral("Pat Owner");
    m.subject = QStringLiteral("Your AI phone line is ready — 📞 Bäckerei Müller");
    m.textBody = QStringLiteral("Hello Pat,\n\nYour number is (510) 555-1234. Ünïcode & <b>not html</b>.\n"
                                "A long line to force soft breaks: %1\n").arg(QString(120, u'x'));
    m.htmlBody = QStringLiteral("<p>Hello Pat, your org &lt;b&gt;Bäckerei&lt;/b&gt; is ready.</p>");
    return m;
}

} // namespace

class TestMailer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_pki;
    QString m_script;

    std::unique_ptr<SmtpServer> startServer(const QString &mode)
    {
        auto server = std::make_unique<SmtpServer>();
        server->outDir = m_pki.filePath(QStringLiteral("out-%1-%2").arg(mode).arg(++m_servers));
        server->process.start(python, {m_script, QStringLiteral("--mode"), mode,
                                       QStringLiteral("--cert"), m_pki.filePath(QStringLiteral("server.pem")),
                                       QStringLiteral("--key"), m_pki.filePath(QStringLiteral("server.key")),
                                       QStringLiteral("--user"), user, QStringLiteral("--password"), password,
                                       QStringLiteral("--out"), server->outDir});
        QByteArray out;
        const bool ready = QTest::qWaitFor([&] {
            out += server->process.readAllStandardOutput();
            return out.contains('\n') || server->process.state() == QProcess::NotRunning;
        }, 15000);
        if (!ready || !out.startsWith("READY ")) {
            qWarning() << "SMTP test server did not start:" << out << server->process.readAllStandardError();
            return nullptr;
        }
        server->port = out.mid(6).trimmed().toInt();
        return server;
    }

    SmtpConfig configFor(const SmtpServer &server, const QString &scheme = QStringLiteral("smtp")) const
    {
        SmtpConfig c;
        c.url = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(server.port));
        c.user = user;
        c.password = password;
        c.caFile = m_pki.filePath(QStringLiteral("ca.pem"));
        c.timeout = std::chrono::seconds(20);
        return c;
    }

    static MailResult sendAndWait(const SmtpConfig &config, const MailMessage &message)
    {
        Mailer mailer(config);
        auto job = mailer.send(message);
        QSignalSpy spy(job.get(), &MailJob::finished);
        if (!spy.wait(30000))
            return MailResult::failure(MailResult::Kind::Other, QStringLiteral("test: the job never finished"));
        QCoreApplication::processEvents(); // a second emission would show up here
        if (spy.count() != 1)
            return MailResult::failure(MailResult::Kind::Other, QStringLiteral("test: finished() emitted %1 times").arg(spy.count()));
        return spy.at(0).at(0).value<MailResult>();
    }

    int m_servers = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_script = QStringLiteral(OC_SOURCE_DIR "/tests/support/smtp_test_server.py");
        QString why;
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            why = QStringLiteral("the openssl CLI is not installed");
        else if (QProcess::execute(python, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")}) != 0)
            why = QStringLiteral("aiosmtpd is not installed for %1").arg(python);
        if (!why.isEmpty()) {
            if (test::underCi())
                QFAIL(qPrintable(why + QStringLiteral(" (required under CI)")));
            QSKIP(qPrintable(why));
        }
        QVERIFY(m_pki.isValid());
        const QString dir = m_pki.path();
        const QStringList ec = {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                                QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        auto caArgs = [&](const QString &name, const QString &cn) {
            return QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                + QStringList{QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".pem"),
                              QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=") + cn,
                              QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                              QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")};
        };
        QFile ext(m_pki.filePath(QStringLiteral("server.ext")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n");
        ext.close();
        QVERIFY2(run(openssl, caArgs(QStringLiteral("ca"), QStringLiteral("OrgConsole Test CA")), dir, &why), qPrintable(why));
        QVERIFY2(run(openssl, caArgs(QStringLiteral("other-ca"), QStringLiteral("Somebody Else CA")), dir, &why), qPrintable(why));
        QVERIFY2(run(openssl, QStringList{QStringLiteral("req")} + ec
                     + QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                                   QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")},
                     dir, &why), qPrintable(why));
        QVERIFY2(run(openssl, {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                               QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                               QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                               QStringLiteral("-extfile"), QStringLiteral("server.ext"), QStringLiteral("-out"), QStringLiteral("server.pem")},
                     dir, &why), qPrintable(why));
    }

    void deliversMultipartAlternativeOverStartTls()
    {
        auto server = startServer(QStringLiteral("starttls"));
        QVERIFY(server);
        const MailResult result = sendAndWait(configFor(*server), sampleMessage());
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(server->received(), QStringList{QStringLiteral("1.json")});
        QVERIFY2(server->events().contains(QLatin1String("tls=True")), qPrintable(server->events()));

        QFile jsonFile(server->outDir + QStringLiteral("/1.json"));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject mail = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(mail.value(u"mailFrom").toString(), QStringLiteral("notifications@orgconsole.example"));
        QCOMPARE(mail.value(u"rcptTos").toArray(), QJsonArray{QStringLiteral("owner@customer.example")});
        QCOMPARE(mail.value(u"contentType").toString(), QStringLiteral("multipart/alternative"));
        QCOMPARE(mail.value(u"contentTypeHeaders").toInt(), 1);
        QCOMPARE(mail.value(u"subject").toString(), sampleMessage().subject);
        QCOMPARE(mail.value(u"from").toString(), QStringLiteral("Zoë at Acme Voice <notifications@orgconsole.example>"));
        QCOMPARE(mail.value(u"to").toString(), QStringLiteral("Pat Owner <owner@customer.example>"));
        QVERIFY(mail.value(u"messageId").toString().endsWith(QLatin1String("@orgconsole.example>")));
        QVERIFY(!mail.value(u"date").toString().isEmpty());
        QCOMPARE(mail.value(u"defects").toArray(), QJsonArray());

        const QJsonArray parts = mail.value(u"parts").toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0)[u"contentType"].toString(), QStringLiteral("text/plain"));
        QCOMPARE(parts.at(1)[u"contentType"].toString(), QStringLiteral("text/html"));
        for (const QJsonValue &part : parts) {
            QCOMPARE(part[u"charset"].toString(), QStringLiteral("utf-8"));
            QCOMPARE(part[u"transferEncoding"].toString(), QStringLiteral("quoted-printable"));
        }
        QCOMPARE(parts.at(0)[u"body"].toString().remove(u'\r'), sampleMessage().textBody);
        QVERIFY2(parts.at(1)[u"body"].toString().contains(QStringLiteral("&lt;b&gt;Bäckerei&lt;/b&gt;")),
                 qPrintable(parts.at(1)[u"body"].toString()));

        // On the wire: encoded words for the non-ASCII headers, no raw 8-bit byte anywhere, short lines.
        QFile raw(server->outDir + QStringLiteral("/1.eml"));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        QVERIFY(bytes.contains("Subject: =?UTF-8?B?"));
        QVERIFY(bytes.contains("From: =?UTF-8?B?"));
        QVERIFY(bytes.contains("Date: "));
        for (const char c : bytes)
            QVERIFY2(uchar(c) < 0x80, "8-bit byte in the message");
        // RFC 5322: no line over 998; the header lines we fold ourselves stay within 78.
        for (const QByteArray &line : bytes.split('\n')) {
            QVERIFY2(line.size() <= 998 + 1, line.constData());
            if (line.startsWith("Subject:") || line.startsWith("From:") || line.startsWith(" =?"))
                QVERIFY2(line.size() <= 78 + 1, line.constData());
        }
    }

    void deliversOverImplicitTls()
    {
        auto server = startServer(QStringLiteral("smtps"));
        QVERIFY(server);
        const MailResult result = sendAndWait(configFor(*server, QStringLiteral("smtps")), sampleMessage());
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(server->received().size(), 1);
    }

    void wrongPasswordFailsWithLoginMessage()
    {
        auto server = startServer(QStringLiteral("starttls"));
        QVERIFY(server);
        SmtpConfig config = configFor(*server);
        config.password = QStringLiteral("wrong");
        const MailResult result = sendAndWait(config, sampleMessage());
        QCOMPARE(result.kind, MailResult::Kind::Authentication);
        QCOMPARE(result.message, QStringLiteral("SMTP login failed: check the SMTP user and password"));
        QVERIFY(server->received().isEmpty());
        QVERIFY(server->events().contains(QLatin1String("denied")));
    }

    void untrustedServerCertificateFails()
    {
        auto server = startServer(QStringLiteral("starttls"));
        QVERIFY(server);
        SmtpConfig config = configFor(*server);
        config.caFile = m_pki.filePath(QStringLiteral("other-ca.pem"));
        const MailResult result = sendAndWait(config, sampleMessage());
        QCOMPARE(result.kind, MailResult::Kind::Certificate);
        QVERIFY2(result.message.startsWith(QLatin1String("the SMTP server's certificate is not trusted (")), qPrintable(result.message));
        QVERIFY(server->received().isEmpty());
        QVERIFY2(!server->events().contains(QLatin1String("auth")), "credentials went to an untrusted server");
    }

    void serverWithoutStartTlsIsRefusedBeforeLogin()
    {
        auto server = startServer(QStringLiteral("plain"));
        QVERIFY(server);
        const MailResult result = sendAndWait(configFor(*server), sampleMessage());
        QCOMPARE(result.kind, MailResult::Kind::StartTlsUnavailable);
        QVERIFY2(result.message.startsWith(QLatin1String("the SMTP server does not offer STARTTLS")), qPrintable(result.message));
        QVERIFY(server->received().isEmpty());
        QVERIFY2(!server->events().contains(QLatin1String("auth")), "the password was sent in clear text");
    }

    void injectionIsRefusedBeforeConnecting_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("subject") << "subject" << "Hello\r\nBcc: victim@example.com";
        QTest::newRow("recipient") << "to" << "owner@customer.example>\r\nRCPT TO:<victim@example.com";
        QTest::newRow("sender name") << "fromName" << "Acme\nBcc: victim@example.com";
    }

    void injectionIsRefusedBeforeConnecting()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto server = startServer(QStringLiteral("starttls"));
        QVERIFY(server);
        MailMessage message = sampleMessage();
        (field == u"subject" ? message.subject : field == u"to" ? message.toAddress : message.fromName) = value;
        const MailResult result = sendAndWait(configFor(*server), message);
        QCOMPARE(result.kind, MailResult::Kind::Invalid);
        QVERIFY2(result.message.contains(QLatin1String("line break or control character")), qPrintable(result.message));
        QVERIFY(server->received().isEmpty());
        QVERIFY2(server->events().isEmpty(), "the mailer connected although the message was invalid");
    }

    void cancelEndsTheJobOnceAsCanceled()
    {
        auto server = startServer(QStringLiteral("starttls"));
        QVERIFY(server);
        Mailer mailer(configFor(*server));
        auto job = mailer.send(sampleMessage());
        QSignalSpy spy(job.get(), &MailJob::finished);
        job->cancel();
        job->cancel();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(job->result().kind, MailResult::Kind::Canceled);
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);
        QVERIFY(server->received().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMailer)
#include "tst_mailer.moc"
