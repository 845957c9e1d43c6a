#include "mail/mailheaders.h"
#include "mail/mailmessage.h"
#include "mail/smtpconfig.h"

#include <QRegularExpression>
#include <QTest>

using namespace oc;

namespace {

MailMessage valid()
{
    MailMessage m;
    m.fromAddress = QStringLiteral("notifications@acme.example");
    m.fromName = QStringLiteral("Acme Voice");
    m.toAddress = QStringLiteral("owner@customer.example");
    m.toName = QStringLiteral("Pat Owner");
    m.subject = QStringLiteral("Your AI phone line is ready");
    m.textBody = QStringLiteral("Hello\r\nthere"); // line breaks in bodies are fine: they are encoded
    m.htmlBody = QStringLiteral("<p>Hello</p>");
    return m;
}

QString decodeEncodedWords(const QByteArray &header)
{
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="));
    QByteArray bytes;
    auto it = word.globalMatch(QString::fromLatin1(header));
    while (it.hasNext())
        bytes += QByteArray::fromBase64(it.next().captured(1).toLatin1());
    return QString::fromUtf8(bytes);
}

} // namespace

class TestMailMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsAWellFormedMessage()
    {
        const Result<void> r = valid().validate();
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }

    void refusesControlCharactersInEveryHeaderField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("bad");
        QTest::addColumn<QString>("expected");
        const QStringList fields = {"fromAddress", "fromName", "toAddress", "toName", "subject"};
        const QStringList names = {"sender address", "sender name", "recipient address", "recipient name", "subject"};
        const QList<QPair<QString, QString>> attacks = {{"CRLF", "x\r\nBcc: victim@evil.example"},
                                                        {"LF", "x\nRCPT TO:<victim@evil.example>"},
                                                        {"CR", "x\rDATA"},
                                                        {"NUL", QStringLiteral("x") + QChar(0) + "y"},
                                                        {"TAB", "x\ty"},
                                                        {"DEL", QStringLiteral("x") + QChar(0x7f)},
                                                        {"U+2028", QStringLiteral("x") + QChar(0x2028) + "y"}};
        for (int i = 0; i < fields.size(); ++i) {
            for (const auto &[label, value] : attacks) {
                QString bad = value;
                if (fields[i].endsWith("Address"))
                    bad = "owner" + value + "@customer.example";
                QTest::addRow("%s %s", qPrintable(fields[i]), qPrintable(label)) << fields[i] << bad << names[i];
            }
        }
    }
    void refusesControlCharactersInEveryHeaderField()
    {
        QFETCH(QString, field);
        QFETCH(QString, bad);
        QFETCH(QString, expected);
        MailMessage m = valid();
        QString *target = field == "fromAddress" ? &m.fromAddress
            : field == "fromName"                ? &m.fromName
            : field == "toAddress"               ? &m.toAddress
            : field == "toName"                  ? &m.toName
                                                 : &m.subject;
        *target = bad;
        const Result<void> r = m.validate();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Invalid);
        QVERIFY2(r.error().message.startsWith("the " + expected + " contains a line break or control character"),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains("inject"));
    }

    void refusesMalformedAddresses_data()
    {
        QTest::addColumn<QString>("address");
        for (const char *a : {"", "plain", "@example.com", "owner@", "owner@example", "a b@example.com",
                              "owner@@example.com", "<owner@example.com>", "owner@example.com>", "\"q\"@example.com",
                              ".owner@example.com", "ow..ner@example.com", "owner@-example.com", "owner@exa_mple.com",
                              "ownér@example.com", "owner@exämple.com"})
            QTest::newRow(a) << QString::fromUtf8(a);
        QTest::newRow("too long") << QString(250, u'a') + "@example.com";
    }
    void refusesMalformedAddresses()
    {
        QFETCH(QString, address);
        MailMessage m = valid();
        m.toAddress = address;
        const Result<void> r = m.validate();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.startsWith("the recipient address"), qPrintable(r.error().message));
    }

    void acceptsCommonAddressForms()
    {
        for (const char *a : {"first.last@example.com", "first+tag@mail.example.co.uk", "o'brien@example.ie", "x_y-z@sub-1.example.org"}) {
            MailMessage m = valid();
            m.toAddress = QString::fromLatin1(a);
            QVERIFY2(m.validate().ok(), a);
        }
    }

    void refusesEmptyOrOverlongSubject()
    {
        MailMessage m = valid();
        m.subject = "   ";
        QCOMPARE(m.validate().error().message, QStringLiteral("the subject is empty"));
        m.subject = QString(MailMessage::MaxSubjectLength + 1, u'a');
        QVERIFY(m.validate().error().message.contains("longer than"));
    }

    void leavesAsciiHeadersReadable()
    {
        QCOMPARE(mailheaders::encodeText("Your AI phone line is ready"), QByteArray("Your AI phone line is ready"));
        QCOMPARE(mailheaders::mailbox("Acme Voice", "n@acme.example"), QByteArray("\"Acme Voice\" <n@acme.example>"));
        QCOMPARE(mailheaders::mailbox("Say \"hi\" \\o/", "n@acme.example"), QByteArray("\"Say \\\"hi\\\" \\\\o/\" <n@acme.example>"));
        QCOMPARE(mailheaders::mailbox("", "n@acme.example"), QByteArray("<n@acme.example>"));
    }

    void encodesNonAsciiHeadersAsRfc2047Words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("accents") << QStringLiteral("Bäckerei Müller");
        QTest::newRow("emoji") << QStringLiteral("Ready 📞🎉");
        QTest::newRow("looks like an encoded word") << QStringLiteral("=?UTF-8?B?SGk=?= plain");
        QTest::newRow("long mixed") << QStringLiteral("Überraschung 🎉 ").repeated(12);
    }
    void encodesNonAsciiHeadersAsRfc2047Words()
    {
        QFETCH(QString, text);
        const QByteArray encoded = mailheaders::encodeText(text);
        QVERIFY(encoded.startsWith("=?UTF-8?B?"));
        QCOMPARE(decodeEncodedWords(encoded), text); // chunks never split a code point
        for (const QByteArray &line : encoded.split('\n')) {
            QVERIFY2(("Subject: " + line.trimmed()).size() <= 78, line.constData());
            for (const char c : line)
                QVERIFY(uchar(c) < 0x80);
        }
        const QByteArray from = mailheaders::mailbox(text, "n@acme.example");
        QVERIFY(from.endsWith(" <n@acme.example>"));
        QCOMPARE(decodeEncodedWords(from), text);
    }

    void buildsDateMessageIdFromToAndSubjectHeaders()
    {
        MailMessage m = valid();
        m.subject = QStringLiteral("Prêt");
        const QDateTime when(QDate(2025, 7, 1), QTime(10, 5, 9), Qt::OffsetFromUTC, -5 * 3600);
        const QList<QByteArray> headers = mailheaders::build(m, when);
        QCOMPARE(headers.size(), 5);
        QCOMPARE(headers.at(0), QByteArray("Date: Tue, 01 Jul 2025 10:05:09 -0500"));
        QVERIFY(QRegularExpression("^Message-ID: <[0-9a-f]{32}@acme\\.example>$").match(QString::fromLatin1(headers.at(1))).hasMatch());
        QCOMPARE(headers.at(2), QByteArray("From: \"Acme Voice\" <notifications@acme.example>"));
        QCOMPARE(headers.at(3), QByteArray("To: \"Pat Owner\" <owner@customer.example>"));
        QCOMPARE(headers.at(4), "Subject: " + mailheaders::encodeText(m.subject));
        QVERIFY(mailheaders::build(m, when).at(1) != headers.at(1)); // a fresh Message-ID every time
    }

    void smtpConfigRefusesUnsafeOrIncompleteSettings()
    {
        SmtpConfig c{QUrl("smtp://mail.example.com:587"), "user", "secret", {}, std::chrono::seconds(30)};
        QVERIFY(c.problem().isEmpty());
        c.url = QUrl("http://mail.example.com");
        QVERIFY(c.problem().contains("smtps://"));
        c.url = QUrl("smtps://mail.example.com");
        c.password.clear();
        QVERIFY(c.problem().contains("password"));
        c.password = "sec\r\nret";
        QVERIFY(c.problem().contains("control character"));
    }
};

QTEST_GUILESS_MAIN(TestMailMessage)
#include "tst_mailmessage.moc"
