#include "twilio/twilioclient.h"

#include "net/formencoding.h"
#include "net/jsonfields.h"
#include "net/networkpool.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QJsonArray>

namespace oc {

namespace {

// Pagination stops here even if a broken server keeps sending next_page_uri.
constexpr int MaxPages = 200;

QString knownCodeText(const QString &code)
{
    if (code == QLatin1String("21421")) return QStringLiteral("The phone number is invalid.");
    if (code == QLatin1String("21422")) return QStringLiteral("The phone number is no longer available.");
    if (code == QLatin1String("21452")) return QStringLiteral("No phone numbers found in this area code.");
    if (code == QLatin1String("21631")) return QStringLiteral("This number requires an address on the account.");
    if (code == QLatin1String("20003")) return QStringLiteral("Twilio rejected the credentials.");
    if (code == QLatin1String("20404")) return QStringLiteral("The resource was not found.");
    if (code == QLatin1String("20429")) return QStringLiteral("Too many requests.");
    return {};
}

ApiError parseError(QString what)
{
    return ApiError{ApiError::Kind::Parse, 0, {}, std::move(what), false, false};
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

QUrl TwilioClient::url(const QString &absolutePath, const QString &query) const
{
    QUrl u = m_config.baseUrl;
    QString base = u.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    u.setPath(base + absolutePath);
    // Already percent-encoded by formEncode; StrictMode keeps %2B from being turned back into '+'.
    u.setQuery(query.isEmpty() ? QString() : query, QUrl::StrictMode);
    return u;
}

HttpRequest TwilioClient::request(const QByteArray &method, const QString &accountPath) const
{
    HttpRequest r;
    r.method = method;
    r.url = url(QStringLiteral("/2010-04-01/Accounts/%1%2")
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

TwilioClient::Call<QList<AvailableNumber>> TwilioClient::searchLocalNumbers(const QString &countryCode,
                                                                           const QString &areaCode,
                                                                           int pageSize) const
{
    HttpRequest r = request("GET", QStringLiteral("/AvailablePhoneNumbers/%1/Local.json")
                                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(countryCode.toUpper()))));
    r.url.setQuery(QString::fromLatin1(formEncode({{QStringLiteral("AreaCode"), areaCode},
                                                   {QStringLiteral("VoiceEnabled"), QStringLiteral("true")},
                                                   {QStringLiteral("ExcludeAllAddressRequired"), QStringLiteral("true")},
                                                   {QStringLiteral("PageSize"), QString::number(pageSize)}})),
                   QUrl::StrictMode);
    return std::make_unique<TypedCall<QList<AvailableNumber>>>(
        nam(), m_config.retry, std::move(r), [](const HttpCall &call) -> CallStep<QList<AvailableNumber>> {
            if (!call.ok())
                return refineError(call);
            const auto body = JsonFields::object(call.body());
            if (!body || !body->value(QLatin1String("available_phone_numbers")).isArray())
                return parseError(QStringLiteral("Twilio's number search answer has no available_phone_numbers."));
            QList<AvailableNumber> numbers;
            for (const QJsonValue &v : body->value(QLatin1String("available_phone_numbers")).toArray())
                numbers.append(AvailableNumber::fromJson(v.toObject()));
            return numbers;
        });
}

TwilioClient::Call<IncomingNumber> TwilioClient::buyNumber(const QString &phoneNumberE164,
                                                           const QString &friendlyName) const
{
    HttpRequest r = request("POST", QStringLiteral("/IncomingPhoneNumbers.json"));
    r.header("Content-Type", "application/x-www-form-urlencoded");
    r.body = formEncode({{QStringLiteral("PhoneNumber"), phoneNumberE164},
                         {QStringLiteral("FriendlyName"), friendlyName}});
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

} // namespace oc
