#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace oc::phone {

// A country Twilio sells local numbers in, as the approve dialog offers it.
struct Country {
    QString isoCode;  // "US"
    QString name;     // "United States": in the display language (see CountryCatalog), from libphonenumber/ICU
    QString dialCode; // "+1"
    bool nanp = false; // North American Numbering Plan: 3-digit area codes that Twilio searches by
    QString englishName; // "United States" whatever the display language, so English input is still found
};

// One area code of a NANP country and where it is: {"510", "California"}, {"212", "New York, NY"}.
struct AreaCode {
    QString code;
    QString region; // may be empty when the geocoder knows no place for it
};

// Countries, dial codes and area codes from libphonenumber and its geocoder: nothing hand-maintained but
// the list of countries Twilio offers local numbers in. Thread-safe; the area codes of a country are
// computed on first use and cached.
// Names, places and messages are in the display language: the language of the installed translation
// (oc::installTranslations), English without one.
class CountryCatalog
{
    Q_DECLARE_TR_FUNCTIONS(CountryCatalog)

public:
    // The countries, sorted by name.
    static QList<Country> countries();
    // The name of any ISO 3166 territory ("DE" -> "Germany"/"Deutschland") in the display language, for
    // lists wider than Twilio's; empty for a code ICU does not know.
    static QString territoryName(const QString &isoCode);
    // "en" without a translation, else the translation's language ("de"): what names are given in.
    static QString displayLanguage();
    // The country with this ISO code (case-insensitive) if Twilio sells local numbers there.
    static std::optional<Country> country(const QString &isoCode);

    // NANP countries: every 3-digit code libphonenumber knows as a local (geographic) area code of that
    // country, ascending. Other countries: empty; an area code there is free text checked by areaCodeProblem.
    static QList<AreaCode> areaCodes(const QString &isoCode);

    // Where an area code is ("California", "London"), or empty when unknown or not an area code.
    static QString areaCodeRegion(const QString &isoCode, const QString &areaCode);

    // Twilio's number search honours AreaCode only for the US and Canada (NANP); elsewhere it may offer a
    // number from any area of the country.
    static bool areaCodeFiltersSearch(const QString &isoCode);

    // Empty when `areaCode` is fine for `isoCode` (an empty area code is: it means any area), else one
    // sentence saying what to fix. Long or hostile input is quoted shortened, never in full.
    static QString areaCodeProblem(const QString &isoCode, const QString &areaCode);

    // Area codes the provisioning engine accepts at all (see ApproveOperation): 2 to 5 digits.
    static constexpr int MinAreaCodeLength = 2;
    static constexpr int MaxAreaCodeLength = 5;

private:
    static std::optional<QString> lookup(const Country &country, const QString &code);
};

} // namespace oc::phone
