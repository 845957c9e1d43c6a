#include "provisioning/compliancechoice.h"

#include "phone/countrycatalog.h"

#include <QJsonArray>
#include <QLocale>

namespace oc {

namespace {

QString countryName(const QString &iso)
{
    const auto country = phone::CountryCatalog::country(iso);
    return country ? country->englishName : iso;
}

} // namespace

QString ComplianceChoice::summary() const
{
    const QString country = countryName(isoCountry);
    if (!required)
        return QStringLiteral("%1 needs no regulatory bundle for local numbers").arg(country);
    QStringList parts;
    if (bundle) {
        QStringList about;
        if (!bundle->friendlyName.isEmpty())
            about << bundle->friendlyName;
        if (bundle->isApproved() && bundle->dateUpdated.isValid())
            about << QStringLiteral("approved %1").arg(QLocale::c().toString(bundle->dateUpdated.toUTC().date(), QStringLiteral("d MMM yyyy")));
        else if (!bundle->isApproved())
            about << (bundle->status.isEmpty() ? QStringLiteral("not among the approved bundles") : bundle->status);
        parts << (about.isEmpty() ? bundle->sid : QStringLiteral("%1 (%2)").arg(bundle->sid, about.join(QStringLiteral(", "))));
    }
    if (address) {
        const QString where = !address->city.isEmpty() ? address->city : countryName(address->isoCountry);
        parts << QStringLiteral("the address in %1 (%2)").arg(where, address->sid);
    }
    const QString endUser = regulation && !regulation->endUserType.isEmpty() ? regulation->endUserType : QStringLiteral("business");
    return QStringLiteral("%1 requires an approved %2 bundle — %3 will be used")
        .arg(country, endUser, parts.join(QStringLiteral(" and ")));
}

QJsonObject ComplianceChoice::toJson() const
{
    QJsonObject o{{QStringLiteral("country"), isoCountry},
                  {QStringLiteral("required"), required},
                  {QStringLiteral("summary"), summary()}};
    if (regulation)
        o.insert(QStringLiteral("regulation"), QJsonObject{{QStringLiteral("sid"), regulation->sid},
                                                           {QStringLiteral("friendlyName"), regulation->friendlyName}});
    if (bundle)
        o.insert(QStringLiteral("bundle"), QJsonObject{{QStringLiteral("sid"), bundle->sid},
                                                       {QStringLiteral("friendlyName"), bundle->friendlyName},
                                                       {QStringLiteral("status"), bundle->status},
                                                       {QStringLiteral("dateUpdated"), bundle->dateUpdated.isValid()
                                                                                           ? bundle->dateUpdated.toUTC().toString(Qt::ISODate)
                                                                                           : QString()}});
    if (address)
        o.insert(QStringLiteral("address"), QJsonObject{{QStringLiteral("sid"), address->sid},
                                                        {QStringLiteral("city"), address->city},
                                                        {QStringLiteral("isoCountry"), address->isoCountry}});
    if (!warnings.isEmpty())
        o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    return o;
}

} // namespace oc
