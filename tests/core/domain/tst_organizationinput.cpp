#include "domain/organization.h"
#include "store/demodata.h"

#include <QTest>

using namespace oc;

class TestOrganizationInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsOrdinaryAndInternationalNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("Bayview Dental Group");
        QTest::newRow("html") << QStringLiteral("<b>Bold</b> & \"Quoted\" Marketing");
        QTest::newRow("emoji") << QStringLiteral("🚀 Rocket Repairs 🔧");
        QTest::newRow("cjk") << QStringLiteral("東京テクノロジー株式会社");
        // 200 emoji are 400 UTF-16 units but 200 characters: at the limit, not over it.
        QTest::newRow("200 emoji") << QString(QStringLiteral("🎉")).repeated(200);
    }

    void acceptsOrdinaryAndInternationalNames()
    {
        QFETCH(QString, name);
        NewOrganization org{name, QStringLiteral("owner@example.com"), QStringLiteral("Ann Owner"), {}, OrgStatus::Pending, {}};
        QCOMPARE(org.validationError(), QString());
    }

    void rejectsHostileInputWithAClearMessage_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("expected");
        const QString ok = QStringLiteral("owner@example.com");
        QTest::newRow("empty name") << QString() << ok << QStringLiteral("company name is empty");
        QTest::newRow("blank name") << QStringLiteral("   ") << ok << QStringLiteral("company name is empty");
        QTest::newRow("CR LF in name") << QStringLiteral("Acme\r\nBcc: victim@example.com") << ok << QStringLiteral("line break");
        QTest::newRow("NUL in name") << QStringLiteral("Acme") + QChar(0) + QStringLiteral("x") << ok << QStringLiteral("control character");
        QTest::newRow("10k chars") << QString(10000, QLatin1Char('A')) << ok << QStringLiteral("10000 characters long");
        QTest::newRow("empty email") << QStringLiteral("Acme") << QString() << QStringLiteral("owner e-mail is empty");
        QTest::newRow("no at") << QStringLiteral("Acme") << QStringLiteral("owner.example.com") << QStringLiteral("not a valid address");
        QTest::newRow("two ats") << QStringLiteral("Acme") << QStringLiteral("a@b@example.com") << QStringLiteral("not a valid address");
        QTest::newRow("header injection") << QStringLiteral("Acme") << QStringLiteral("a@example.com\r\nBcc: x@evil.com")
                                          << QStringLiteral("not a valid address");
        QTest::newRow("no domain dot") << QStringLiteral("Acme") << QStringLiteral("a@localhost") << QStringLiteral("not a valid address");
    }

    void rejectsHostileInputWithAClearMessage()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, expected);
        NewOrganization org{name, email, {}, {}, OrgStatus::Pending, {}};
        const QString error = org.validationError();
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')) && !error.contains(QLatin1Char('\r')), "the message stays on one line");
    }

    void demoDataIsValidVariedAndRepeatable()
    {
        DemoData a, b;
        const QList<NewOrganization> first = a.batch(5000);
        const QList<NewOrganization> second = b.batch(5000);
        bool unicode = false, longName = false, html = false, emoji = false;
        QSet<OrgStatus> statuses;
        for (int i = 0; i < first.size(); ++i) {
            const NewOrganization &o = first[i];
            QVERIFY2(o.validationError().isEmpty(), qPrintable(o.companyName + QStringLiteral(": ") + o.validationError()));
            QCOMPARE(o.companyName, second[i].companyName);
            unicode |= std::any_of(o.companyName.begin(), o.companyName.end(), [](QChar c) { return c.unicode() > 0x7f; });
            longName |= o.companyName.size() >= 150;
            html |= o.companyName.contains(QLatin1Char('<'));
            emoji |= o.companyName.contains(QStringLiteral("🚀"));
            statuses.insert(o.status);
        }
        QVERIFY(unicode);
        QVERIFY(longName);
        QVERIFY(html);
        QVERIFY(emoji);
        QCOMPARE(statuses.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestOrganizationInput)
#include "tst_organizationinput.moc"
