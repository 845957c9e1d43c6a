#include "phoneformat.h"

#include <phonenumbers/phonenumberutil.h>

namespace oc::phone {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

QString formatForHumans(const QString &e164)
{
    const QString trimmed = e164.trimmed();
    if (!trimmed.startsWith(QLatin1Char('+')))
        return e164; // without a country code any guess at the region could be wrong

    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    // "ZZ" = unknown region: the leading + and country code decide.
    if (util->Parse(trimmed.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    if (!util->IsPossibleNumber(number))
        return e164;

    std::string formatted;
    const auto style = number.country_code() == 1 ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL;
    util->Format(number, style, &formatted);
    return formatted.empty() ? e164 : QString::fromStdString(formatted);
}

QString countryOf(const QString &e164)
{
    const QString trimmed = e164.trimmed();
    if (!trimmed.startsWith(QLatin1Char('+')))
        return {};
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(trimmed.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    if (region.empty() || region == "ZZ") // a test or unassigned number: its country code's main country
        util->GetRegionCodeForCountryCode(number.country_code(), &region);
    return region == "ZZ" ? QString() : QString::fromStdString(region);
}

} // namespace oc::phone
