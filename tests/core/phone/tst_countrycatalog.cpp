#include "phone/countrycatalog.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <future>

using oc::phone::AreaCode;
using oc::phone::CountryCatalog;

namespace {

QString regionOf(const QList<AreaCode> &codes, const QString &code)
{
    for (const AreaCode &a : codes) {
        if (a.code == code)
            return a.region;
    }
    return QStringLiteral("<absent>");
}

bool listed(const QList<AreaCode> &codes, const QString &code)
{
    return regionOf(codes, code) != QStringLiteral("<absent>");
}

} // namespace

class TestCountryCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTwilioCountriesWithNamesAndDialCodes_data()
    {
        QTest::addColumn<QString>("iso");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("dialCode");
        QTest::addColumn<bool>("nanp");
        QTest::newRow("US") << "US" << "United States" << "+1" << true;
        QTest::newRow("CA") << "CA" << "Canada" << "+1" << true;
        QTest::newRow("GB") << "GB" << "United Kingdom" << "+44" << false;
        QTest::newRow("DE") << "DE" << "Germany" << "+49" << false;
        QTest::newRow("AU") << "AU" << "Australia" << "+61" << false;
        QTest::newRow("FR") << "FR" << "France" << "+33" << false;
        QTest::newRow("NL") << "NL" << "Netherlands" << "+31" << false;
        QTest::newRow("ES") << "ES" << "Spain" << "+34" << false;
        QTest::newRow("IT") << "IT" << "Italy" << "+39" << false;
        QTest::newRow("IE") << "IE" << "Ireland" << "+353" << false;
        QTest::newRow("SE") << "SE" << "Sweden" << "+46" << false;
        QTest::newRow("lower case is found") << "us" << "United States" << "+1" << true;
    }
    void listsTwilioCountriesWithNamesAndDialCodes()
    {
        QFETCH(QString, iso);
        QFETCH(QString, name);
        QFETCH(QString, dialCode);
        QFETCH(bool, nanp);
        const auto country = CountryCatalog::country(iso);
        QVERIFY(country);
        QCOMPARE(country->isoCode, iso.toUpper());
        QCOMPARE(country->name, name);
        QCOMPARE(country->dialCode, dialCode);
        QCOMPARE(country->nanp, nanp);
        QCOMPARE(CountryCatalog::areaCodeFiltersSearch(iso), nanp);
    }

    void listsEnoughCountriesSortedByNameWithoutDuplicates()
    {
        const auto countries = CountryCatalog::countries();
        QVERIFY2(countries.size() >= 40, qPrintable(QString::number(countries.size())));
        QSet<QString> seen;
        for (qsizetype i = 0; i < countries.size(); ++i) {
            const auto &c = countries.at(i);
            QVERIFY2(!seen.contains(c.isoCode), qPrintable(c.isoCode));
            seen.insert(c.isoCode);
            QCOMPARE(c.isoCode.size(), 2);
            QVERIFY2(!c.name.isEmpty() && c.name != c.isoCode, qPrintable(c.isoCode));
            QVERIFY2(c.dialCode.startsWith(u'+') && c.dialCode.size() >= 2, qPrintable(c.isoCode));
            if (i > 0)
                QVERIFY2(countries.at(i - 1).name.localeAwareCompare(c.name) < 0, qPrintable(c.name));
        }
    }

    void unknownCountriesAreAbsent()
    {
        QVERIFY(!CountryCatalog::country(QStringLiteral("XX")));
        QVERIFY(!CountryCatalog::country(QString()));
        QVERIFY(!CountryCatalog::country(QStringLiteral("<script>")));
        QVERIFY(CountryCatalog::areaCodes(QStringLiteral("XX")).isEmpty());
        QVERIFY(!CountryCatalog::areaCodeProblem(QStringLiteral("XX"), QString()).isEmpty());
    }

    void namesUsAreaCodesWithTheirState()
    {
        const auto codes = CountryCatalog::areaCodes(QStringLiteral("US"));
        QVERIFY2(codes.size() > 250, qPrintable(QString::number(codes.size())));
        QCOMPARE(regionOf(codes, QStringLiteral("510")), QStringLiteral("California"));
        QCOMPARE(regionOf(codes, QStringLiteral("415")), QStringLiteral("California"));
        QVERIFY2(regionOf(codes, QStringLiteral("212")).startsWith(QStringLiteral("New York")),
                 qPrintable(regionOf(codes, QStringLiteral("212"))));
        QCOMPARE(regionOf(codes, QStringLiteral("312")), QStringLiteral("Chicago, IL")); // the geocoder names a city where one dominates
        QCOMPARE(CountryCatalog::areaCodeRegion(QStringLiteral("US"), QStringLiteral("510")), QStringLiteral("California"));
        for (int i = 1; i < codes.size(); ++i)
            QVERIFY(codes.at(i - 1).code.toInt() < codes.at(i).code.toInt());
    }

    void keepsNanpCountriesApartAndLeavesOutNonLocalCodes()
    {
        const auto us = CountryCatalog::areaCodes(QStringLiteral("US"));
        const auto ca = CountryCatalog::areaCodes(QStringLiteral("CA"));
        QVERIFY(listed(ca, QStringLiteral("416")));
        QCOMPARE(regionOf(ca, QStringLiteral("604")), QStringLiteral("British Columbia"));
        QVERIFY(!listed(us, QStringLiteral("416")));
        QVERIFY(!listed(ca, QStringLiteral("510")));
        for (const char *notLocal : {"800", "888", "900", "911", "411", "555", "100", "011"}) {
            QVERIFY2(!listed(us, QLatin1String(notLocal)), notLocal);
            QVERIFY2(!listed(ca, QLatin1String(notLocal)), notLocal);
        }
        QVERIFY(listed(CountryCatalog::areaCodes(QStringLiteral("PR")), QStringLiteral("787")));
    }

    void computesAreaCodesOnceAndServesThemFromCache()
    {
        CountryCatalog::areaCodes(QStringLiteral("US")); // may be the first use
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 100; ++i)
            QVERIFY(!CountryCatalog::areaCodes(QStringLiteral("US")).isEmpty());
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    }

    void answersFromSeveralThreadsAtOnce()
    {
        // The first computation of a country's codes races with readers; every answer must be complete.
        std::vector<std::future<qsizetype>> futures;
        for (int i = 0; i < 4; ++i)
            futures.push_back(std::async(std::launch::async, [] { return CountryCatalog::areaCodes(QStringLiteral("DO")).size(); }));
        std::vector<qsizetype> sizes;
        for (auto &f : futures)
            sizes.push_back(f.get());
        QVERIFY(sizes.front() > 0);
        for (qsizetype size : sizes)
            QCOMPARE(size, sizes.front());
    }

    void nonNanpCountriesOfferNoListButCheckTypedCodes()
    {
        QVERIFY(CountryCatalog::areaCodes(QStringLiteral("GB")).isEmpty());
        QCOMPARE(CountryCatalog::areaCodeProblem(QStringLiteral("GB"), QStringLiteral("20")), QString());
        QCOMPARE(CountryCatalog::areaCodeRegion(QStringLiteral("GB"), QStringLiteral("20")), QStringLiteral("London"));
        QCOMPARE(CountryCatalog::areaCodeProblem(QStringLiteral("DE"), QStringLiteral("30")), QString());
        QCOMPARE(CountryCatalog::areaCodeRegion(QStringLiteral("DE"), QStringLiteral("30")), QStringLiteral("Berlin"));
        QCOMPARE(CountryCatalog::areaCodeProblem(QStringLiteral("IT"), QStringLiteral("06")), QString());
        QCOMPARE(CountryCatalog::areaCodeRegion(QStringLiteral("IT"), QStringLiteral("06")), QStringLiteral("Rome"));
    }

    void acceptsGoodAreaCodes_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("areaCode");
        QTest::newRow("empty means any") << "US" << "";
        QTest::newRow("blank means any") << "CA" << "   ";
        QTest::newRow("US 510") << "US" << "510";
        QTest::newRow("US 212 with spaces around") << "US" << " 212 ";
        QTest::newRow("CA 416") << "CA" << "416";
        QTest::newRow("lower-case country") << "ca" << "604";
        QTest::newRow("GB 161") << "GB" << "161";
        QTest::newRow("empty for Germany") << "DE" << "";
    }
    void acceptsGoodAreaCodes()
    {
        QFETCH(QString, country);
        QFETCH(QString, areaCode);
        QCOMPARE(CountryCatalog::areaCodeProblem(country, areaCode), QString());
    }

    void rejectsBadAreaCodesSayingWhatToDo_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("areaCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("US code in Canada") << "CA" << "510"
            << "510 is an area code in the United States, not in Canada \u2014 pick one from the list or leave it empty for any area code.";
        QTest::newRow("unassigned") << "US" << "999"
            << "999 is not an area code in the United States \u2014 pick one from the list or leave it empty for any area code.";
        QTest::newRow("toll-free") << "US" << "800"
            << "800 is a toll-free code, not an area code \u2014 pick one from the list or leave it empty for any area code.";
        QTest::newRow("two digits in the US") << "US" << "51" << "Area codes in the United States have 3 digits, such as 510.";
        QTest::newRow("four digits in the US") << "US" << "5100" << "Area codes in the United States have 3 digits, such as 510.";
        QTest::newRow("letters") << "US" << "ABC"
            << "\u201C" "ABC\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("markup") << "US" << "<script>"
            << "\u201C<script>\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("digits with a dash") << "US" << "5-10"
            << "\u201C" "5-10\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("Arabic-Indic digits") << "US" << "\u0665\u0661\u0660"
            << "\u201C\u0665\u0661\u0660\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("10k characters") << "US" << QString(10'000, u'5')
            << "\u201C" "555555555555\u2026\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("line breaks") << "US" << "5\r\n10"
            << "\u201C" "5 10\u201D is not an area code: use digits only, such as 510, or leave it empty for any area code.";
        QTest::newRow("GB trunk prefix") << "GB" << "020" << "Leave out the leading 0: the area code is 20.";
        QTest::newRow("GB not geographic") << "GB" << "70"
            << "70 is not an area code in the United Kingdom \u2014 check it or leave it empty for any area code.";
        QTest::newRow("GB too long") << "GB" << "123456"
            << "Use an area code of 2 to 5 digits, such as 121, or leave it empty for any area code.";
        QTest::newRow("DE one digit") << "DE" << "3"
            << "Use an area code of 2 to 5 digits, such as 30, or leave it empty for any area code.";
        QTest::newRow("unknown country") << "XX" << "510"
            << "\u201CXX\u201D is not a country Twilio sells local numbers in \u2014 pick one from the list.";
    }
    void rejectsBadAreaCodesSayingWhatToDo()
    {
        QFETCH(QString, country);
        QFETCH(QString, areaCode);
        QFETCH(QString, expected);
        QCOMPARE(CountryCatalog::areaCodeProblem(country, areaCode), expected);
    }

    void hostileInputNeverEchoesInFull()
    {
        const QString huge = QStringLiteral("<b>") + QString(10'000, u'x');
        const QString problem = CountryCatalog::areaCodeProblem(QStringLiteral("US"), huge);
        QVERIFY(!problem.isEmpty());
        QVERIFY2(problem.size() < 200, qPrintable(QString::number(problem.size())));
        QVERIFY(CountryCatalog::areaCodeRegion(QStringLiteral("US"), huge).isEmpty());
        QVERIFY(CountryCatalog::areaCodeProblem(huge, QStringLiteral("510")).size() < 200);
    }
};

QTEST_GUILESS_MAIN(TestCountryCatalog)
#include "tst_countrycatalog.moc"
