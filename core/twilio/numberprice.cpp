#include "twilio/numberprice.h"

#include "net/jsonfields.h"

#include <QJsonArray>

namespace oc {

std::optional<NumberPrice> NumberPrice::fromJson(const QJsonObject &json)
{
    for (const QJsonValue &v : json.value(QLatin1String("phone_number_prices")).toArray()) {
        const QJsonObject entry = v.toObject();
        if (JsonFields::text(entry.value(QLatin1String("number_type"))).compare(QLatin1String("local"), Qt::CaseInsensitive) != 0)
            continue;
        // Twilio sends prices as strings ("1.15"); current_price is what the account pays now (discounts included).
        std::optional<double> price = JsonFields::number(entry.value(QLatin1String("current_price")));
        if (!price)
            price = JsonFields::number(entry.value(QLatin1String("base_price")));
        if (!price)
            return std::nullopt;
        NumberPrice p;
        p.isoCountry = JsonFields::text(json.value(QLatin1String("iso_country"))).toUpper();
        p.country = JsonFields::text(json.value(QLatin1String("country")));
        p.monthly = *price;
        p.priceUnit = JsonFields::text(json.value(QLatin1String("price_unit")));
        if (p.priceUnit.isEmpty())
            p.priceUnit = QStringLiteral("USD");
        return p;
    }
    return std::nullopt;
}

} // namespace oc
