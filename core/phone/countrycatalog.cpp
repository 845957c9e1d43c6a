#include "phone/countrycatalog.h"

#include <QCollator>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <array>

namespace oc::phone {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// Countries Twilio offers local numbers in (its public availability list). Names, dial codes and area
// codes all come from libphonenumber; only this list is ours to keep current.
constexpr std::array TwilioLocalCountries{
    "AR", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CL", "CO", "CR", "CY", "CZ", "DE", "DK", "DO", "EE", "ES",
    "FI", "FR", "GB", "GR", "HK", "HR", "HU", "ID", "IE", "IL", "IT", "JP", "LT", "LU", "LV", "MX", "MY", "NL",
    "NO", "NZ", "PA", "PE", "PH", "PL", "PR", "PT", "RO", "SE", "SI", "SK", "SV", "TH", "US", "ZA",
};

const PhoneNumberUtil &util()
{
    return *PhoneNumberUtil::GetInstance();
}

const PhoneNumberOfflineGeocoder &geocoder()
{
    static const PhoneNumberOfflineGeocoder instance; // loads its prefix maps lazily, guarded by its own mutex
    return instance;
}

icu::Locale icuLocale(const QString &language)
{
    return icu::Locale(language.toLatin1().constData());
}

QString countryName(const std::string &region, const icu::Locale &language)
{
    PhoneNumber example;
    if (util().GetExampleNumberForType(region, PhoneNumberUtil::FIXED_LINE, &example)
        || util().GetExampleNumber(region, &example)) {
        // With a user region that differs from the number's, the geocoder answers with the country name.
        const std::string name = geocoder().GetDescriptionForNumber(example, language, "ZZ");
        if (!name.empty())
            return QString::fromStdString(name);
    }
    return QLocale::territoryToString(QLocale::codeToTerritory(QString::fromStdString(region)));
}

QList<Country> buildCountries(const QString &language)
{
    const icu::Locale locale = icuLocale(language);
    const icu::Locale english("en");
    QList<Country> list;
    for (const char *iso : TwilioLocalCountries) {
        const std::string region(iso);
        const int dial = util().GetCountryCodeForRegion(region);
        if (dial == 0)
            continue; // unknown to this libphonenumber: better absent than wrong
        const QString englishName = countryName(region, english);
        list.append({QString::fromLatin1(iso), language == u"en" ? englishName : countryName(region, locale),
                     QStringLiteral("+%1").arg(dial), util().IsNANPACountry(region), englishName});
    }
    QCollator collator{QLocale(language)};
    std::sort(list.begin(), list.end(),
              [&](const Country &a, const Country &b) { return collator.compare(a.name, b.name) < 0; });
    return list;
}

// Built once per display language (a test may switch languages).
QList<Country> allCountries()
{
    static QMutex mutex;
    static QHash<QString, QList<Country>> byLanguage;
    const QString language = CountryCatalog::displayLanguage();
    QMutexLocker lock(&mutex);
    auto it = byLanguage.constFind(language);
    if (it == byLanguage.constEnd())
        it = byLanguage.insert(language, buildCountries(language));
    return *it;
}

bool isLocalNumberOf(const PhoneNumber &number, const std::string &region)
{
    return util().IsValidNumberForRegion(number, region) && util().IsNumberGeographical(number);
}

// A NANP area code is local to `region` when some ordinary number in it is. Exchanges vary per area
// code in libphonenumber's patterns, so a few common ones are tried.
std::optional<PhoneNumber> nanpNumberIn(int npa, const std::string &region)
{
    static constexpr std::array exchanges{234, 200, 310, 456, 555, 611, 777, 899, 902};
    for (int nxx : exchanges) {
        PhoneNumber number;
        number.set_country_code(1);
        number.set_national_number(quint64(npa) * 10'000'000ULL + quint64(nxx) * 10'000ULL + 1234ULL);
        if (isLocalNumberOf(number, region))
            return number;
    }
    return std::nullopt;
}

QString nanpRegion(int npa, const icu::Locale &language)
{
    // The geocoder's NANP data is keyed by "1" + area code at its coarsest: the state or province.
    PhoneNumber prefix;
    prefix.set_country_code(1);
    prefix.set_national_number(quint64(npa));
    return QString::fromStdString(geocoder().GetDescriptionForValidNumber(prefix, language));
}

QList<AreaCode> buildNanpAreaCodes(const std::string &region, const QString &language)
{
    const icu::Locale locale = icuLocale(language);
    QList<AreaCode> codes;
    for (int npa = 200; npa <= 999; ++npa) {
        if (npa % 100 == 11) // N11 codes are service numbers (411, 911), never area codes
            continue;
        if (nanpNumberIn(npa, region))
            codes.append({QString::number(npa), nanpRegion(npa, locale)});
    }
    return codes;
}

// Outside NANP: an area code is the start of some geographic number of the country. Numbers are completed
// with a few fillers over the lengths the country uses and parsed in full, which also handles Italy's
// leading zero.
std::optional<PhoneNumber> geographicNumberStartingWith(const QString &prefix, const std::string &region)
{
    const QString dial = QString::number(util().GetCountryCodeForRegion(region));
    static const QStringList fillers{QStringLiteral("2345678901234"), QStringLiteral("1234567890123"),
                                     QStringLiteral("0000000000000"), QStringLiteral("5555555555555"),
                                     QStringLiteral("9876543210987"), QStringLiteral("3333333333333"),
                                     QStringLiteral("7777777777777")};
    for (qsizetype length = prefix.size() + 3; length <= 13; ++length) {
        for (const QString &filler : fillers) {
            const QString national = prefix + filler.left(length - prefix.size());
            PhoneNumber number;
            if (util().Parse(QStringLiteral("+%1%2").arg(dial, national).toStdString(), "ZZ", &number)
                != PhoneNumberUtil::NO_PARSING_ERROR)
                continue;
            // Parsing drops a trunk prefix ("+44 020…" is London): the typed digits must survive as typed.
            std::string nsn;
            util().GetNationalSignificantNumber(number, &nsn);
            if (QString::fromStdString(nsn).startsWith(prefix) && isLocalNumberOf(number, region))
                return number;
        }
    }
    return std::nullopt;
}

struct Cache {
    QMutex mutex;
    QHash<QString, QList<AreaCode>> nanp;                // "en:US" -> its area codes
    QHash<QString, std::optional<QString>> otherRegions; // "en:GB:20" -> "London"; nullopt: not an area code
};

Cache &cache()
{
    static Cache instance;
    return instance;
}

// Shown inside a message: never thousands of characters, never a line break.
QString quoted(const QString &text)
{
    constexpr qsizetype Shown = 12;
    QString shown = text.simplified();
    if (shown.size() > Shown)
        shown = shown.left(Shown) + QChar(0x2026);
    return QCoreApplication::translate("CountryCatalog", "\u201C%1\u201D", "typed text quoted in a message").arg(shown);
}

bool allDigits(const QString &text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// "the United States", "Canada": the name as it reads inside an English sentence. A translation words
// its sentences so that the bare name fits (German: "im Land %1") and translates "the %1" as "%1".
QString inSentence(const Country &country)
{
    static const QSet<QString> withArticle{QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("NL"),
                                           QStringLiteral("DO"), QStringLiteral("PH")};
    return withArticle.contains(country.isoCode)
        ? QCoreApplication::translate("CountryCatalog", "the %1", "a country name that takes an article in an English sentence")
              .arg(country.name)
        : country.name;
}

// "", when unknown; for the NANP an area code known to be in the country.
QString exampleAreaCode(const Country &country)
{
    if (country.isoCode == u"US")
        return QStringLiteral("510");
    if (country.nanp) {
        const auto codes = CountryCatalog::areaCodes(country.isoCode);
        return codes.isEmpty() ? QString() : codes.first().code;
    }
    PhoneNumber example;
    if (!util().GetExampleNumberForType(country.isoCode.toStdString(), PhoneNumberUtil::FIXED_LINE, &example))
        return {};
    const int length = util().GetLengthOfGeographicalAreaCode(example);
    if (length < CountryCatalog::MinAreaCodeLength || length > CountryCatalog::MaxAreaCodeLength)
        return {};
    std::string nsn;
    util().GetNationalSignificantNumber(example, &nsn);
    return QString::fromStdString(nsn).left(length);
}

} // namespace

QList<Country> CountryCatalog::countries()
{
    return allCountries();
}

QString CountryCatalog::displayLanguage()
{
    // Translated into the translation's own language code, so the names follow the UI language and
    // never, say, a French system locale under an English UI.
    const QString language = QCoreApplication::translate(
        "CountryCatalog", "en", "ICU language code for country and place names: the language of this translation");
    static const QRegularExpression valid(QStringLiteral("^[a-z]{2,3}$"));
    return valid.match(language).hasMatch() ? language : QStringLiteral("en");
}

QString CountryCatalog::territoryName(const QString &isoCode)
{
    const QString iso = isoCode.trimmed().toUpper();
    if (iso.size() != 2 || !std::all_of(iso.begin(), iso.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; }))
        return {};
    icu::UnicodeString name;
    icu::Locale("", iso.toLatin1().constData()).getDisplayCountry(icuLocale(displayLanguage()), name);
    const QString result = QString::fromUtf16(name.getBuffer(), name.length());
    return result == iso ? QString() : result; // ICU answers with the code itself when it knows no name
}

std::optional<Country> CountryCatalog::country(const QString &isoCode)
{
    const QString iso = isoCode.trimmed().toUpper();
    for (const Country &c : allCountries()) {
        if (c.isoCode == iso)
            return c;
    }
    return std::nullopt;
}

bool CountryCatalog::areaCodeFiltersSearch(const QString &isoCode)
{
    const auto c = country(isoCode);
    return c && c->nanp;
}

QList<AreaCode> CountryCatalog::areaCodes(const QString &isoCode)
{
    const auto c = country(isoCode);
    if (!c || !c->nanp)
        return {};
    const QString language = displayLanguage();
    const QString key = language + u':' + c->isoCode;
    Cache &store = cache();
    QMutexLocker lock(&store.mutex);
    auto it = store.nanp.find(key);
    if (it == store.nanp.end())
        it = store.nanp.insert(key, buildNanpAreaCodes(c->isoCode.toStdString(), language));
    return *it;
}

// The region of an area code (possibly empty when the geocoder names none), or nullopt when `code` is no
// area code of the country.
std::optional<QString> CountryCatalog::lookup(const Country &country, const QString &code)
{
    if (code.size() < MinAreaCodeLength || code.size() > MaxAreaCodeLength || !allDigits(code))
        return std::nullopt;
    if (country.nanp) {
        for (const AreaCode &known : areaCodes(country.isoCode)) {
            if (known.code == code)
                return known.region;
        }
        return std::nullopt;
    }
    Cache &store = cache();
    const QString language = displayLanguage();
    const QString key = language + u':' + country.isoCode + u':' + code;
    {
        QMutexLocker lock(&store.mutex);
        if (auto it = store.otherRegions.constFind(key); it != store.otherRegions.constEnd())
            return *it;
    }
    std::optional<QString> region;
    if (const auto number = geographicNumberStartingWith(code, country.isoCode.toStdString())) {
        const QString description = QString::fromStdString(geocoder().GetDescriptionForNumber(*number, icuLocale(language)));
        region = description == country.name ? QString() : description; // naming only the country says nothing
    }
    QMutexLocker lock(&store.mutex);
    store.otherRegions.insert(key, region);
    return region;
}

QString CountryCatalog::areaCodeRegion(const QString &isoCode, const QString &areaCode)
{
    const auto c = country(isoCode);
    return c ? lookup(*c, areaCode.trimmed()).value_or(QString()) : QString();
}

QString CountryCatalog::areaCodeProblem(const QString &isoCode, const QString &areaCode)
{
    const auto c = country(isoCode);
    if (!c)
        return tr("%1 is not a country Twilio sells local numbers in \u2014 pick one from the list.").arg(quoted(isoCode));
    const QString code = areaCode.trimmed();
    if (code.isEmpty())
        return {};
    const QString example = exampleAreaCode(*c);
    if (!allDigits(code) || code.size() > 10) {
        return example.isEmpty()
            ? tr("%1 is not an area code: use digits only, or leave it empty for any area code.").arg(quoted(code))
            : tr("%1 is not an area code: use digits only, such as %2, or leave it empty for any area code.")
                  .arg(quoted(code), example);
    }

    if (c->nanp) {
        if (code.size() != 3)
            return tr("Area codes in %1 have 3 digits, such as %2.").arg(inSentence(*c), example);
        if (lookup(*c, code))
            return {};
        for (const Country &other : allCountries()) {
            if (other.nanp && other.isoCode != c->isoCode && lookup(other, code)) {
                return tr("%1 is an area code in %2, not in %3 \u2014 pick one from the list or leave it empty for "
                          "any area code.")
                    .arg(code, inSentence(other), inSentence(*c));
            }
        }
        PhoneNumber tollFree;
        tollFree.set_country_code(1);
        tollFree.set_national_number(code.toULongLong() * 10'000'000ULL + 2'345'678ULL);
        if (util().GetNumberType(tollFree) == PhoneNumberUtil::TOLL_FREE)
            return tr("%1 is a toll-free code, not an area code \u2014 pick one from the list or leave it empty for "
                      "any area code.")
                .arg(code);
        return tr("%1 is not an area code in %2 \u2014 pick one from the list or leave it empty for any area code.")
            .arg(code, inSentence(*c));
    }

    if (code.size() < MinAreaCodeLength || code.size() > MaxAreaCodeLength) {
        return example.isEmpty()
            ? tr("Use an area code of %1 to %2 digits, or leave it empty for any area code.")
                  .arg(MinAreaCodeLength).arg(MaxAreaCodeLength)
            : tr("Use an area code of %1 to %2 digits, such as %3, or leave it empty for any area code.")
                  .arg(MinAreaCodeLength).arg(MaxAreaCodeLength).arg(example);
    }
    if (lookup(*c, code))
        return {};
    const QString withoutZero = code.mid(1);
    if (code.startsWith(u'0') && withoutZero.size() >= MinAreaCodeLength
        && lookup(*c, withoutZero))
        return tr("Leave out the leading 0: the area code is %1.").arg(withoutZero);
    return tr("%1 is not an area code in %2 \u2014 check it or leave it empty for any area code.").arg(code, inSentence(*c));
}

} // namespace oc::phone
