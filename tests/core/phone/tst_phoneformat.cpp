#include "phone/phoneformat.h"

#include <QTest>

class TestPhoneFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsForHumans_data()
    {
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("expected");
        QTest::newRow("US number in national form") << "+15105551234" << "(510) 555-1234";
        QTest::newRow("Canadian number in national form") << "+14165550123" << "(416) 555-0123";
        QTest::newRow("UK number in international form") << "+442079460958" << "+44 20 7946 0958";
        QTest::newRow("German number in international form") << "+4930123456" << "+49 30 123456";
        QTest::newRow("surrounding spaces are ignored") << " +15105551234 " << "(510) 555-1234";
    }
    void formatsForHumans()
    {
        QFETCH(QString, e164);
        QFETCH(QString, expected);
        QCOMPARE(oc::phone::formatForHumans(e164), expected);
    }

    void returnsUnparseableInputUnchanged_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << "";
        QTest::newRow("letters") << "not a number";
        QTest::newRow("no country code") << "5105551234";
        QTest::newRow("too short") << "+1510";
        QTest::newRow("markup") << "<b>+15105551234</b>";
    }
    void returnsUnparseableInputUnchanged()
    {
        QFETCH(QString, input);
        QCOMPARE(oc::phone::formatForHumans(input), input);
    }
};

QTEST_GUILESS_MAIN(TestPhoneFormat)
#include "tst_phoneformat.moc"
