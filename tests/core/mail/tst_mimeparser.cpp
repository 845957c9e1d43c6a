// Reading e-mails back for the Outbox: MIME structure, transfer encodings, charsets and RFC 2047 headers.
#include "mail/mimeparser.h"
#include "mail/outboxmessage.h"

#include <QTest>

using namespace oc;

namespace {

QByteArray crlf(const char *text)
{
    QByteArray bytes(text);
    bytes.replace("\n", "\r\n");
    return bytes;
}

} // namespace

class TestMimeParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesQuotedPrintable_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("plain") << QByteArray("Hello") << QByteArray("Hello");
        QTest::newRow("escapes") << QByteArray("a=3Db =C3=A9") << QByteArray("a=b \xc3\xa9");
        QTest::newRow("lower-case hex") << QByteArray("=c3=a9") << QByteArray("\xc3\xa9");
        QTest::newRow("soft break CRLF") << QByteArray("long=\r\nline") << QByteArray("longline");
        QTest::newRow("soft break LF") << QByteArray("long=\nline") << QByteArray("longline");
        QTest::newRow("hard break kept") << QByteArray("one\r\ntwo") << QByteArray("one\r\ntwo");
        QTest::newRow("malformed escape kept") << QByteArray("100=ZZ%") << QByteArray("100=ZZ%");
        QTest::newRow("trailing equals kept") << QByteArray("end=") << QByteArray("end=");
    }
    void decodesQuotedPrintable()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, decoded);
        QCOMPARE(mime::decodeQuotedPrintable(encoded), decoded);
    }

    void decodesEncodedWordsInHeaders_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("ascii untouched") << QByteArray("Your AI phone line is ready") << QStringLiteral("Your AI phone line is ready");
        QTest::newRow("base64 utf-8") << QByteArray("=?UTF-8?B?Q2Fmw6kgTcO8bGxlcg==?=") << QStringLiteral("Café Müller");
        QTest::newRow("q utf-8 with underscores") << QByteArray("=?utf-8?q?Caf=C3=A9_M=C3=BCller?=") << QStringLiteral("Café Müller");
        QTest::newRow("latin-1") << QByteArray("=?ISO-8859-1?Q?Gr=FC=DFe?=") << QStringLiteral("Grüße");
        // Whitespace between adjacent encoded words is not part of the text (RFC 2047 §6.2) ...
        QTest::newRow("adjacent words joined") << QByteArray("=?UTF-8?B?Q2Fm?=\r\n =?UTF-8?B?w6k=?=") << QStringLiteral("Café");
        // ... and a character split across two words still decodes.
        QTest::newRow("character split across words") << QByteArray("=?UTF-8?B?w6E=?= =?UTF-8?Q?=C3?= =?UTF-8?Q?=A9?=") << QStringLiteral("áé");
        QTest::newRow("mixed with plain text") << QByteArray("Ready: =?UTF-8?B?w5xiZXI=?= GmbH") << QStringLiteral("Ready: Über GmbH");
        QTest::newRow("folded plain") << QByteArray("a long\r\n subject") << QStringLiteral("a long subject");
        QTest::newRow("language suffix") << QByteArray("=?UTF-8*de?Q?=C3=BC?=") << QStringLiteral("ü");
        QTest::newRow("emoji") << QByteArray("=?UTF-8?B?8J+Tng==?=") << QStringLiteral("\U0001F4DE");
        QTest::newRow("not a word") << QByteArray("=?broken") << QStringLiteral("=?broken");
        QTest::newRow("unknown charset falls back to UTF-8") << QByteArray("=?x-nonsense?B?w6k=?=") << QStringLiteral("é");
    }
    void decodesEncodedWordsInHeaders()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, decoded);
        QCOMPARE(mime::decodeHeaderValue(value), decoded);
    }

    void readsMultipartAlternativeAsTheMailerSendsIt()
    {
        // The shape libcurl writes for our MailMessage: text first, then HTML, both quoted-printable.
        const QByteArray raw = crlf(
            "Date: Tue, 01 Jul 2025 10:00:00 +0000\n"
            "Message-ID: <abc@orgconsole.example>\n"
            "From: OrgConsole <notifications@orgconsole.example>\n"
            "To: =?UTF-8?B?UMOpdGVy?= <owner@customer.example>\n"
            "Subject: =?UTF-8?B?WW91ciBBSSBwaG9uZSBsaW5lIGZvciBDYWbDqSBpcyByZWFkeQ==?=\n"
            "Content-Type: multipart/alternative; boundary=------------------------abc123\n"
            "MIME-Version: 1.0\n"
            "\n"
            "--------------------------abc123\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "\n"
            "Hello P=C3=A9ter,\n"
            "\n"
            "Your number is (510) 555-1234. This line is long enough to be wrapped by t=\n"
            "he encoder.\n"
            "--------------------------abc123\n"
            "Content-Type: text/html; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "\n"
            "<p style=3D\"color:#111\">Hello P=C3=A9ter</p>\n"
            "--------------------------abc123--\n");
        const mime::ParsedMail mail = mime::parse(raw);
        QCOMPARE(mail.header("subject"), QStringLiteral("Your AI phone line for Café is ready"));
        QCOMPARE(mail.header("To"), QStringLiteral("Péter <owner@customer.example>"));
        QCOMPARE(mail.header("Message-Id"), QStringLiteral("<abc@orgconsole.example>"));
        QCOMPARE(mail.text, QStringLiteral("Hello Péter,\n\nYour number is (510) 555-1234. This line is long enough to be "
                                           "wrapped by the encoder."));
        QCOMPARE(mail.html, QStringLiteral("<p style=\"color:#111\">Hello Péter</p>"));
        QVERIFY(mail.headerBlock.startsWith("Date: Tue"));
        QVERIFY(mail.headerBlock.endsWith("MIME-Version: 1.0\r\n")); // the header lines with their line ends, no blank line
        QCOMPARE(mail.headers.size(), 7);
    }

    void readsNestedMultipartAndSkipsAttachments()
    {
        const QByteArray raw = crlf(
            "Subject: nested\n"
            "Content-Type: multipart/mixed; boundary=\"outer; b\"\n"
            "\n"
            "preamble is ignored\n"
            "--outer; b\n"
            "Content-Type: text/plain; name=\"notes.txt\"\n"
            "Content-Disposition: attachment; filename=\"notes.txt\"\n"
            "\n"
            "an attachment, not the body\n"
            "--outer; b\n"
            "Content-Type: multipart/alternative;\n"
            "  boundary=inner\n"
            "\n"
            "--inner\n"
            "Content-Type: text/plain; charset=\"ISO-8859-1\"\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "\n"
            "Gr=FC=DFe\n"
            "--inner\n"
            "Content-Type: text/html; charset=UTF-8\n"
            "Content-Transfer-Encoding: base64\n"
            "\n"
            "PHA+R3LDvMOfZTwv\n"
            "cD4=\n"
            "--inner--\n"
            "--outer; b--\n"
            "epilogue is ignored\n");
        const mime::ParsedMail mail = mime::parse(raw);
        QCOMPARE(mail.text, QStringLiteral("Grüße"));
        QCOMPARE(mail.html, QStringLiteral("<p>Grüße</p>"));
    }

    void readsASinglePartMessageWithBareLineFeeds()
    {
        const QByteArray raw("From: a@example.com\nSubject: plain\n\nfirst line\nsecond line\n");
        const mime::ParsedMail mail = mime::parse(raw);
        QCOMPARE(mail.header("Subject"), QStringLiteral("plain"));
        QCOMPARE(mail.text, QStringLiteral("first line\nsecond line\n"));
        QVERIFY(mail.html.isEmpty());
    }

    void keepsWhatItCanWhenTheClosingBoundaryIsMissing()
    {
        const QByteArray raw = crlf("Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\ncut off");
        QCOMPARE(mime::parse(raw).text, QStringLiteral("cut off"));
    }

    void survivesGarbage_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no headers") << QByteArray("\r\n\r\n");
        QTest::newRow("multipart without boundary") << QByteArray("Content-Type: multipart/mixed\r\n\r\nbody");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe:\r\n\r\n\x01", 9);
        QByteArray deep;
        for (int i = 0; i < 100; ++i)
            deep += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) + "\r\n\r\n--b" + QByteArray::number(i) + "\r\n";
        QTest::newRow("absurd nesting") << deep;
    }
    void survivesGarbage()
    {
        QFETCH(QByteArray, raw);
        const mime::ParsedMail mail = mime::parse(raw);
        QVERIFY(mail.html.isEmpty());
    }

    void readsAddressesAsPeopleDo_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("readable");
        QTest::newRow("quoted name") << QByteArray("\"Acme Voice\" <n@acme.example>") << QStringLiteral("Acme Voice <n@acme.example>");
        QTest::newRow("escaped quote") << QByteArray("\"Pat \\\"P\\\" Jones\" <p@x.example>") << QStringLiteral("Pat \"P\" Jones <p@x.example>");
        QTest::newRow("encoded name") << QByteArray("=?UTF-8?B?Wm/Dqw==?= <z@x.example>") << QStringLiteral("Zoë <z@x.example>");
        QTest::newRow("bare") << QByteArray("<a@x.example>") << QStringLiteral("<a@x.example>");
    }
    void readsAddressesAsPeopleDo()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, readable);
        QCOMPARE(mime::readableAddresses(value), readable);
    }

    void outboxMessageFallsBackToTheEnvelope()
    {
        const QDateTime at(QDate(2025, 7, 1), QTime(10, 0), Qt::UTC);
        const OutboxMessage m = OutboxMessage::fromRaw("Subject: hi\r\n\r\nbody", at, QStringLiteral("from@example.com"),
                                                       {QStringLiteral("a@example.com"), QStringLiteral("b@example.com")});
        QCOMPARE(m.at, at);
        QCOMPARE(m.from, QStringLiteral("from@example.com"));
        QCOMPARE(m.to, QStringLiteral("a@example.com, b@example.com"));
        QCOMPARE(m.subject, QStringLiteral("hi"));
        QCOMPARE(m.text, QStringLiteral("body"));
        QCOMPARE(m.headerBlock, QByteArray("Subject: hi\r\n"));
        QCOMPARE(m.raw, QByteArray("Subject: hi\r\n\r\nbody"));
    }
};

QTEST_GUILESS_MAIN(TestMimeParser)
#include "tst_mimeparser.moc"
