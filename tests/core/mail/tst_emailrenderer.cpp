#include "mail/emailrenderer.h"
#include "mail/mailmessage.h"

#include <QTest>

using namespace oc;

namespace {

EmailBranding branding()
{
    return {QStringLiteral("Acme & Sons <Voice>"), QStringLiteral("help@acme.example"), QUrl(QStringLiteral("https://acme.example/logo.png?a=1&b=2"))};
}

ApprovalEmailData approvalData(const QString &org = QStringLiteral("Bayside \"Dental\" & <Care>"))
{
    ApprovalEmailData d;
    d.organizationName = org;
    d.ownerName = QStringLiteral("Maria O'Neil");
    d.phoneNumber = QStringLiteral("+15105551234");
    d.inboundAssistantName = QStringLiteral("Bayside <in>");
    d.inboundAssistantId = QStringLiteral("asst_inbound_123");
    d.outboundAssistantName = QStringLiteral("Bayside <out>");
    d.outboundAssistantId = QStringLiteral("asst_outbound_456");
    d.setupDate = QDateTime(QDate(2025, 3, 14), QTime(9, 30), Qt::UTC);
    return d;
}

FailureEmailData failureData(const QString &org = QStringLiteral("Bayside \"Dental\" & <Care>"))
{
    FailureEmailData d;
    d.organizationName = org;
    d.ownerName = QStringLiteral("Maria O'Neil");
    d.failedStep = QStringLiteral("Buy <phone> number");
    d.errorMessage = QStringLiteral("Twilio said: \"no numbers\" & <script>alert(1)</script>");
    d.failedAt = QDateTime(QDate(2025, 3, 14), QTime(16, 45), Qt::OffsetFromUTC, 2 * 3600);
    return d;
}

QString escaped(const QString &s)
{
    QString out = s;
    out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    return out;
}

} // namespace

class TestEmailRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templatesAreCompiledIntoTheBinary()
    {
        const Result<RenderedEmail> a = EmailRenderer(branding()).approval(approvalData());
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().message));
        QVERIFY(a->html.startsWith("<!DOCTYPE html>"));
    }

    void approvalShowsEverySeedFieldEscapedInHtmlAndVerbatimInText()
    {
        const RenderedEmail e = EmailRenderer(branding()).approval(approvalData()).value();
        const ApprovalEmailData d = approvalData();
        const QStringList values = {d.organizationName, d.ownerName, "(510) 555-1234", d.inboundAssistantName,
                                    d.inboundAssistantId, d.outboundAssistantName, d.outboundAssistantId,
                                    "14 March 2025, 09:30 UTC", "Acme & Sons <Voice>", "help@acme.example"};
        for (const QString &v : values) {
            QVERIFY2(e.text.contains(v), qPrintable(v));
            QVERIFY2(e.html.contains(escaped(v)), qPrintable(v));
        }
        QVERIFY(e.text.contains("NEXT STEPS"));
        QVERIFY(e.html.contains("Next steps"));
        QVERIFY(e.html.contains("href=\"mailto:help@acme.example\""));
        QVERIFY(e.html.contains("src=\"https://acme.example/logo.png?a=1&amp;b=2\""));
        QVERIFY(e.html.contains("href=\"tel:+15105551234\""));
        QCOMPARE(e.subject, QStringLiteral("Your AI phone line for Bayside \"Dental\" & <Care> is ready"));
        QVERIFY(!e.html.contains("<Care>"));
        QVERIFY(!e.text.contains("&amp;") && !e.text.contains("&lt;") && !e.text.contains("&quot;"));
    }

    void failureShowsStepErrorTimestampAndSupport()
    {
        const RenderedEmail e = EmailRenderer(branding()).failure(failureData()).value();
        const FailureEmailData d = failureData();
        for (const QString &v : {d.organizationName, d.failedStep, d.errorMessage, QStringLiteral("14 March 2025, 14:45 UTC"),
                                 QStringLiteral("help@acme.example")}) {
            QVERIFY2(e.text.contains(v), qPrintable(v));
            QVERIFY2(e.html.contains(escaped(v)), qPrintable(v));
        }
        QVERIFY(!e.html.contains("<script>"));
        QVERIFY(e.text.contains("WHAT HAPPENS NEXT"));
        QVERIFY(e.html.contains("What happens next"));
        QVERIFY(!e.text.contains("&lt;"));
    }

    void hostileOrganizationNamesRenderSafely_data()
    {
        QTest::addColumn<QString>("org");
        QTest::newRow("html") << "<img src=x onerror=alert(1)><a href=\"javascript:x\">Org</a>";
        QTest::newRow("mustache") << "{{company}} {{{orgName}}} {{#hasLogo}}x{{/hasLogo}}";
        QTest::newRow("crlf") << "Org\r\nBcc: victim@evil.example";
        QTest::newRow("emoji") << QStringLiteral("🦷 Smile Studio 😁");
        QTest::newRow("bidi override") << QStringLiteral("Org") + QChar(0x202e) + "gnp.exe";
        QTest::newRow("10k chars") << QString(10000, u'W');
        QTest::newRow("10k emoji") << QStringLiteral("😁").repeated(5000);
    }
    void hostileOrganizationNamesRenderSafely()
    {
        QFETCH(QString, org);
        const EmailRenderer renderer(branding());
        for (const RenderedEmail &e : {renderer.approval(approvalData(org)).value(), renderer.failure(failureData(org)).value()}) {
            MailMessage m{"n@acme.example", "Acme", "o@customer.example", "Owner", e.subject, e.text, e.html};
            const Result<void> valid = m.validate();
            QVERIFY2(valid.ok(), valid.ok() ? "" : qPrintable(valid.error().message));
            QVERIFY(e.subject.size() <= 120);
            QVERIFY(!e.subject.contains(u'\r') && !e.subject.contains(u'\n'));
            QVERIFY(!e.html.contains("<img src=x") && !e.html.contains("<a href=\"javascript"));
            QVERIFY(!e.html.contains("{{") || org.contains("{{")); // a literal, never re-expanded
            if (org.contains("{{"))
                QVERIFY(e.html.contains("{{company}} {{{orgName}}}"));
            QVERIFY(!e.html.contains("Bcc: victim@evil.example\r") && !e.text.contains("\r\nBcc"));
            QVERIFY(!e.html.contains(QChar(0x202e)) && !e.text.contains(QChar(0x202e)));
            QVERIFY(e.html.size() < 40000); // capped, not 10k characters repeated in every mention
            QVERIFY(!e.text.contains(QChar::ReplacementCharacter) && !e.html.contains(QChar::ReplacementCharacter));
        }
    }

    void missingOptionalBrandingFallsBackGracefully()
    {
        const RenderedEmail e = EmailRenderer({}).approval(approvalData("Org")).value();
        QVERIFY(e.html.contains(">OrgConsole<"));
        QVERIFY(!e.html.contains("<img"));
        QVERIFY(e.text.contains("Reply to this e-mail"));
    }

    void onlyWebLogosAndLinksAreUsed()
    {
        const RenderedEmail e = EmailRenderer({"Acme", "javascript:alert(1)", QUrl("javascript:alert(1)")}).approval(approvalData("Org")).value();
        QVERIFY(!e.html.contains("<img"));
        QVERIFY(!e.html.contains("href=\"javascript"));
        QVERIFY(e.html.contains("<strong>javascript:alert(1)</strong>")); // shown as text, not a link
    }
};

QTEST_GUILESS_MAIN(TestEmailRenderer)
#include "tst_emailrenderer.moc"
