#include "twilio/twilioclient.h"

#include "net/formencoding.h"
#include "net/jsonfields.h"
#include "net/networkpool.h"
#include "phone/countrycatalog.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace oc {

namespace {

// Pagination stops here even if a broken server keeps sending next_page_uri.
constexpr int MaxPages = 200;

QString knownCodeText(const QString &code)
{
    if (code == QLatin1String("21421")) return QStringLiteral("The phone number is invalid.");
    if (code == QLatin1String("21422")) return QStringLiteral("The phone number is no longer available.");
    if (code == QLatin1String("21452")) return QStringLiteral("No phone numbers found in this area code.");
    if (code == QLatin1String("21631")) return QStringLiteral("This number requires an address that fits it.");
    if (code == QLatin1String("21649")) return QStringLiteral("This number requires an approved regulatory bundle.");
    if (code == QLatin1String("21613")) return QStringLiteral("This number requires an address, and the account has none.");
    if (code == QLatin1String("20003")) return QStringLiteral("Twilio rejected the credentials.");
    if (code == QLatin1String("20404")) return QStringLiteral("The resource was not found.");
    if (code == QLatin1String("20429")) return QStringLiteral("Too many requests.");
    return {};
}

ApiError parseError(QString what)
{
    return ApiError{ApiError::Kind::Parse, 0, {}, std::move(what), false, false};
}

// The request for the next page, or nullopt to stop (TwilioClient::nextPage re-roots it on our host).
using PageNext = std::function<std::optional<HttpRequest>(const HttpRequest &current, const QString &next)>;

// Every page of a list: `key` holds the items; the next page is next_page_uri in 2010-04-01 and
// meta.next_page_url in numbers v2 (`v2`).
template<class T>
typename TypedCall<QList<T>>::Handler pagedList(QString key, bool v2, QString what, PageNext nextPage)
{
    auto collected = std::make_shared<QList<T>>();
    auto pages = std::make_shared<int>(0);
    return [=](const HttpCall &call) -> CallStep<QList<T>> {
        if (!call.ok())
            return TwilioClient::refineError(call);
        const auto body = JsonFields::object(call.body());
        if (!body || !body->value(key).isArray())
            return parseError(QStringLiteral("Twilio's %1 answer has no %2.").arg(what, key));
        for (const QJsonValue &v : body->value(key).toArray())
            collected->append(T::fromJson(v.toObject()));
        const QString next = v2 ? JsonFields::text(body->value(QLatin1String("meta")).toObject().value(QLatin1String("next_page_url")))
                                : JsonFields::text(body->value(QLatin1String("next_page_uri")));
        if (next.isEmpty() || ++*pages >= MaxPages)
            return *collected;
        if (auto request = nextPage(call.request(), next))
            return *request;
        return *collected;
    };
}

} // namespace

TwilioClient::TwilioClient(QNetworkAccessManager &nam, TwilioConfig config)
    : m_nam(&nam), m_config(std::move(config))
{
}

TwilioClient::TwilioClient(NetworkPool &pool, TwilioConfig config) : m_pool(&pool), m_config(std::move(config)) {}

QNetworkAccessManager &TwilioClient::nam() const
{
    return m_pool ? m_pool->acquire() : *m_nam;
}

QUrl TwilioClient::url(const QUrl &baseUrl, const QString &absolutePath) const
{
    QUrl u = baseUrl;
    QString base = u.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    u.setPath(base + absolutePath);
    u.setQuery(QString());
    return u;
}

HttpRequest TwilioClient::numbersRequest(const QString &path, const FormFields &query) const
{
    HttpRequest r;
    r.method = "GET";
    r.url = url(m_config.numbersBaseUrl, path);
    // Already percent-encoded by formEncode; StrictMode keeps %2B from being turned back into '+'.
    r.url.setQuery(QString::fromLatin1(formEncode(query)), QUrl::StrictMode);
    r.header("Authorization",
             "Basic " + (m_config.accountSid + QLatin1Char(':') + m_config.authToken).toUtf8().toBase64());
    r.header("Accept", "application/json");
    return r;
}

std::optional<HttpRequest> TwilioClient::nextPage(const HttpRequest &first, const HttpRequest &current, const QString &next,
                                                  const QString &apiRoot)
{
    const QUrl nextUrl(next);
    // A server repeating the same page would otherwise loop.
    if (next.isEmpty() || nextUrl.query(QUrl::FullyEncoded) == current.url.query(QUrl::FullyEncoded))
        return std::nullopt;
    // Keep only path and query: the next page is fetched from our configured base, with our credentials.
    HttpRequest request = first;
    QUrl u = first.url;
    const QString basePath = current.url.path().section(apiRoot, 0, 0);
    u.setPath(basePath + nextUrl.path());
    u.setQuery(nextUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
    request.url = u;
    return request;
}

HttpRequest TwilioClient::request(const QByteArray &method, const QString &accountPath) const
{
    HttpRequest r;
    r.method = method;
    r.url = url(m_config.baseUrl, QStringLiteral("/2010-04-01/Accounts/%1%2")
                                      .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_config.accountSid)), accountPath));
    r.header("Authorization",
             "Basic " + (m_config.accountSid + QLatin1Char(':') + m_config.authToken).toUtf8().toBase64());
    r.header("Accept", "application/json");
    return r;
}

ApiError TwilioClient::refineError(const HttpCall &call)
{
    ApiError error = call.error();
    if (error.kind != ApiError::Kind::Http)
        return error;
    const auto body = JsonFields::object(call.body());
    if (!body || !body->contains(QLatin1String("code"))) {
        const QByteArray type = call.rawHeader("Content-Type");
        if (const QString problem = body ? Redactor::text(JsonFields::problemText(*body)).simplified() : QString(); !problem.isEmpty()) {
            error.message = QStringLiteral("Twilio (or a proxy in front of it) answered HTTP %1: %2").arg(error.httpStatus).arg(problem);
            return error;
        }
        error.message = QStringLiteral("Twilio answered HTTP %1 without a readable error body%2.")
                            .arg(error.httpStatus)
                            .arg(type.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromLatin1(type)));
        return error;
    }
    error.kind = ApiError::Kind::Api;
    error.vendorCode = JsonFields::text(body->value(QLatin1String("code")));
    QString message = Redactor::text(JsonFields::text(body->value(QLatin1String("message")))).simplified();
    if (message.isEmpty())
        message = knownCodeText(error.vendorCode);
    error.message = message.isEmpty() ? QStringLiteral("Twilio error %1.").arg(error.vendorCode) : message;
    qCDebug(lcTwilio).noquote() << "Twilio error" << error.describe();
    return error;
}

bool TwilioClient::searchesByAreaCode(const QString &isoCountry)
{
    const QString iso = isoCountry.trimmed().toUpper();
    if (const auto country = phone::CountryCatalog::country(iso))
        return country->nanp;
    return iso == QLatin1String("US") || iso == QLatin1String("CA");
}

FormFields TwilioClient::locationFilter(const QString &isoCountry, const QString &where)
{
    const QString text = where.trimmed();
    if (text.isEmpty())
        return {};
    if (searchesByAreaCode(isoCountry))
        return {{QStringLiteral("AreaCode"), text}};
    const bool prefix = std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit() || c == u'+'; });
    if (!prefix)
        return {{QStringLiteral("InLocality"), text}};
    if (text.startsWith(QLatin1Char('+')))
        return {{QStringLiteral("Contains"), text}};
    // Bare digits are the area code within the country: after its dial code, as the number begins.
    const auto country = phone::CountryCatalog::country(isoCountry);
    QString digits = text;
    if (digits.startsWith(QLatin1Char('0')) && country && country->dialCode != QLatin1String("+39"))
        digits.remove(0, 1); // the trunk prefix ("030" in Germany) is not part of the E.164 number, except in Italy
    return {{QStringLiteral("Contains"), (country ? country->dialCode : QString()) + digits}};
}

bool TwilioClient::isComplianceError(const ApiError &error)
{
    return error.kind == ApiError::Kind::Api
        && (error.vendorCode == QLatin1String("21631") || error.vendorCode == QLatin1String("21649")
            || error.vendorCode == QLatin1String("21613"));
}

TwilioClient::Call<QList<AvailableNumber>> TwilioClient::searchLocalNumbers(const QString &countryCode, const QString &where,
                                                                           int pageSize,
                                                                           const std::optional<TwilioAddress> &address) const
{
    const QString country = countryCode.trimmed().toUpper();
    HttpRequest r = request("GET", QStringLiteral("/AvailablePhoneNumbers/%1/Local.json")
                                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(country))));
    FormFields query = locationFilter(country, where);
    query.append({QStringLiteral("VoiceEnabled"), QStringLiteral("true")});
    if (!address)
        query.append({QStringLiteral("ExcludeAllAddressRequired"), QStringLiteral("true")});
    query.append({QStringLiteral("PageSize"), QString::number(pageSize)});
    r.url.setQuery(QString::fromLatin1(formEncode(query)), QUrl::StrictMode);
    return std::make_unique<TypedCall<QList<AvailableNumber>>>(
        nam(), m_config.retry, std::move(r), [address, country](const HttpCall &call) -> CallStep<QList<AvailableNumber>> {
            if (!call.ok())
                return refineError(call);
            const auto body = JsonFields::object(call.body());
            if (!body || !body->value(QLatin1String("available_phone_numbers")).isArray())
                return parseError(QStringLiteral("Twilio's number search answer has no available_phone_numbers."));
            QList<AvailableNumber> numbers;
            for (const QJsonValue &v : body->value(QLatin1String("available_phone_numbers")).toArray()) {
                AvailableNumber n = AvailableNumber::fromJson(v.toObject());
                // A purchase Twilio would refuse (21631) is not a candidate.
                if (address && !address->meets(n.addressRequirements, n.isoCountry.isEmpty() ? country : n.isoCountry))
                    continue;
                numbers.append(n);
            }
            return numbers;
        });
}

TwilioClient::Call<IncomingNumber> TwilioClient::buyNumber(const QString &phoneNumberE164, const QString &friendlyName,
                                                           const QString &bundleSid, const QString &addressSid) const
{
    HttpRequest r = request("POST", QStringLiteral("/IncomingPhoneNumbers.json"));
    r.header("Content-Type", "application/x-www-form-urlencoded");
    FormFields fields{{QStringLiteral("PhoneNumber"), phoneNumberE164}, {QStringLiteral("FriendlyName"), friendlyName}};
    if (!bundleSid.isEmpty())
        fields.append({QStringLiteral("BundleSid"), bundleSid});
    if (!addressSid.isEmpty())
        fields.append({QStringLiteral("AddressSid"), addressSid});
    r.body = formEncode(fields);
    return std::make_unique<TypedCall<IncomingNumber>>(
        nam(), m_config.retry, std::move(r), [](const HttpCall &call) -> CallStep<IncomingNumber> {
            if (!call.ok())
                return refineError(call);
            const auto body = JsonFields::object(call.body());
            IncomingNumber number = body ? IncomingNumber::fromJson(*body) : IncomingNumber{};
            if (number.sid.isEmpty()) {
                // The purchase went through (2xx) but we cannot tell what we bought: reconcile by lookup.
                ApiError e = parseError(QStringLiteral("Twilio confirmed the purchase without a readable number sid."));
                e.httpStatus = call.httpStatus();
                e.ambiguous = true;
                return e;
            }
            return number;
        });
}

TwilioClient::Call<bool> TwilioClient::releaseNumber(const QString &numberSid) const
{
    HttpRequest r = request("DELETE", QStringLiteral("/IncomingPhoneNumbers/%1.json")
                                          .arg(QString::fromLatin1(QUrl::toPercentEncoding(numberSid))));
    return std::make_unique<TypedCall<bool>>(nam(), m_config.retry, std::move(r),
                                             [](const HttpCall &call) -> CallStep<bool> {
                                                 if (call.ok() || call.httpStatus() == 404)
                                                     return true; // 404 / 20404: already released
                                                 return refineError(call);
                                             });
}

TwilioClient::Call<std::optional<IncomingNumber>> TwilioClient::findOwnedNumber(const QString &phoneNumberE164) const
{
    HttpRequest r = request("GET", QStringLiteral("/IncomingPhoneNumbers.json"));
    r.url.setQuery(QString::fromLatin1(formEncode({{QStringLiteral("PhoneNumber"), phoneNumberE164}})),
                   QUrl::StrictMode);
    return std::make_unique<TypedCall<std::optional<IncomingNumber>>>(
        nam(), m_config.retry, std::move(r),
        [phoneNumberE164](const HttpCall &call) -> CallStep<std::optional<IncomingNumber>> {
            if (!call.ok())
                return refineError(call);
            const auto body = JsonFields::object(call.body());
            if (!body || !body->value(QLatin1String("incoming_phone_numbers")).isArray())
                return parseError(QStringLiteral("Twilio's number list has no incoming_phone_numbers."));
            for (const QJsonValue &v : body->value(QLatin1String("incoming_phone_numbers")).toArray()) {
                IncomingNumber n = IncomingNumber::fromJson(v.toObject());
                if (n.phoneNumber == phoneNumberE164)
                    return std::optional<IncomingNumber>(n);
            }
            return std::optional<IncomingNumber>();
        });
}

TwilioClient::Call<QList<IncomingNumber>> TwilioClient::listOwnedNumbers(int pageSize) const
{
    HttpRequest first = request("GET", QStringLiteral("/IncomingPhoneNumbers.json"));
    first.url.setQuery(QStringLiteral("PageSize=%1").arg(pageSize), QUrl::StrictMode);
    auto collected = std::make_shared<QList<IncomingNumber>>();
    auto pages = std::make_shared<int>(0);
    return std::make_unique<TypedCall<QList<IncomingNumber>>>(
        nam(), m_config.retry, first,
        [first, collected, pages](const HttpCall &call) -> CallStep<QList<IncomingNumber>> {
            if (!call.ok())
                return refineError(call);
            const auto body = JsonFields::object(call.body());
            if (!body || !body->value(QLatin1String("incoming_phone_numbers")).isArray())
                return parseError(QStringLiteral("Twilio's number list has no incoming_phone_numbers."));
            for (const QJsonValue &v : body->value(QLatin1String("incoming_phone_numbers")).toArray())
                collected->append(IncomingNumber::fromJson(v.toObject()));
            const QString next = JsonFields::text(body->value(QLatin1String("next_page_uri")));
            // A server repeating the same page would otherwise loop: stop there, and after MaxPages.
            const QUrl nextUrl(next);
            if (next.isEmpty() || ++*pages >= MaxPages
                || nextUrl.query(QUrl::FullyEncoded) == call.request().url.query(QUrl::FullyEncoded))
                return *collected;
            // Keep only path and query: the next page is fetched from our configured base, with our credentials.
            HttpRequest nextRequest = first;
            QUrl u = first.url;
            const QString basePath = call.request().url.path().section(QLatin1String("/2010-04-01/"), 0, 0);
            u.setPath(basePath + nextUrl.path());
            u.setQuery(nextUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
            nextRequest.url = u;
            return nextRequest;
        });
}

TwilioClient::Call<QList<Regulation>> TwilioClient::listRegulations(const QString &isoCountry, const QString &numberType,
                                                                    const QString &endUserType) const
{
    const HttpRequest first = numbersRequest(QStringLiteral("/v2/RegulatoryCompliance/Regulations"),
                                             {{QStringLiteral("IsoCountry"), isoCountry.trimmed().toUpper()},
                                              {QStringLiteral("NumberType"), numberType},
                                              {QStringLiteral("EndUserType"), endUserType},
                                              {QStringLiteral("PageSize"), QStringLiteral("50")}});
    return std::make_unique<TypedCall<QList<Regulation>>>(
        nam(), m_config.retry, first,
        pagedList<Regulation>(QStringLiteral("results"), true, QStringLiteral("regulations"),
                              [first](const HttpRequest &current, const QString &next) {
                                  return nextPage(first, current, next, QStringLiteral("/v2/"));
                              }));
}

TwilioClient::Call<QList<RegulatoryBundle>> TwilioClient::listApprovedBundles(const QString &isoCountry,
                                                                             const QString &numberType) const
{
    const HttpRequest first = numbersRequest(QStringLiteral("/v2/RegulatoryCompliance/Bundles"),
                                             {{QStringLiteral("Status"), QStringLiteral("twilio-approved")},
                                              {QStringLiteral("IsoCountry"), isoCountry.trimmed().toUpper()},
                                              {QStringLiteral("NumberType"), numberType},
                                              {QStringLiteral("PageSize"), QStringLiteral("50")}});
    return std::make_unique<TypedCall<QList<RegulatoryBundle>>>(
        nam(), m_config.retry, first,
        pagedList<RegulatoryBundle>(QStringLiteral("results"), true, QStringLiteral("bundle list"),
                                    [first](const HttpRequest &current, const QString &next) {
                                        return nextPage(first, current, next, QStringLiteral("/v2/"));
                                    }));
}

TwilioClient::Call<QList<TwilioAddress>> TwilioClient::listAddresses(const QString &isoCountry) const
{
    HttpRequest first = request("GET", QStringLiteral("/Addresses.json"));
    FormFields query;
    if (!isoCountry.isEmpty())
        query.append({QStringLiteral("IsoCountry"), isoCountry.trimmed().toUpper()});
    query.append({QStringLiteral("PageSize"), QStringLiteral("50")});
    first.url.setQuery(QString::fromLatin1(formEncode(query)), QUrl::StrictMode);
    return std::make_unique<TypedCall<QList<TwilioAddress>>>(
        nam(), m_config.retry, first,
        pagedList<TwilioAddress>(QStringLiteral("addresses"), false, QStringLiteral("address list"),
                                 [first](const HttpRequest &current, const QString &next) {
                                     return nextPage(first, current, next, QStringLiteral("/2010-04-01/"));
                                 }));
}

TwilioClient::Call<NumberPrice> TwilioClient::numberPrice(const QString &isoCountry) const
{
    const QString country = isoCountry.trimmed().toUpper();
    HttpRequest r;
    r.method = "GET";
    r.url = url(m_config.pricingBaseUrl, QStringLiteral("/v1/PhoneNumbers/Countries/%1")
                                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(country))));
    r.header("Authorization",
             "Basic " + (m_config.accountSid + QLatin1Char(':') + m_config.authToken).toUtf8().toBase64());
    r.header("Accept", "application/json");
    return std::make_unique<TypedCall<NumberPrice>>(nam(), m_config.retry, std::move(r), [country](const HttpCall &call) -> CallStep<NumberPrice> {
        if (!call.ok())
            return refineError(call);
        const auto body = JsonFields::object(call.body());
        auto price = body ? NumberPrice::fromJson(*body) : std::nullopt;
        if (!price)
            return parseError(QStringLiteral("Twilio's price list for %1 has no local number price.").arg(country));
        if (price->isoCountry.isEmpty())
            price->isoCountry = country;
        return *price;
    });
}

} // namespace oc
