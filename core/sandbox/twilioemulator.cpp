#include "twilioemulator.h"

#include "sandbox/formdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace oc::sandbox {

namespace {

const QRegularExpression &pathPattern()
{
    static const QRegularExpression re(QStringLiteral(
        R"(^/2010-04-01/Accounts/([^/]+)/(?:AvailablePhoneNumbers/([^/]+)/Local\.json|IncomingPhoneNumbers(?:/([^/]+))?\.json)$)"));
    return re;
}

HttpReply json(int status, const QJsonObject &body)
{
    return HttpReply(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString rfc2822(const QDateTime &t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
}

QString randomHex(int digits)
{
    QString out;
    while (out.size() < digits)
        out += QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, QLatin1Char('0'));
    return out.left(digits);
}

int positiveInt(const FormData &query, const QString &key, int fallback, int max)
{
    bool ok = false;
    const int v = query.value(key).toInt(&ok);
    return ok && v >= 0 ? qMin(v, max) : fallback;
}

} // namespace

TwilioEmulator::TwilioEmulator(SandboxState &state, const SandboxConfig &config)
    : m_state(state), m_config(config), m_pool(config.exhaustedAreaCodes)
{
}

QString TwilioEmulator::route(const HttpCall &call) const
{
    const auto m = pathPattern().match(call.path);
    if (!m.hasMatch())
        return {};
    if (!m.captured(2).isEmpty())
        return call.method == "GET" ? QStringLiteral("twilio.search") : QString();
    if (!m.captured(3).isEmpty()) {
        if (call.method == "DELETE")
            return QStringLiteral("twilio.release");
        return call.method == "GET" ? QStringLiteral("twilio.lookup") : QString();
    }
    if (call.method == "POST")
        return QStringLiteral("twilio.buy");
    return call.method == "GET" ? QStringLiteral("twilio.lookup") : QString();
}

std::optional<HttpReply> TwilioEmulator::authenticate(const HttpCall &call) const
{
    const QByteArray expected = "Basic "
        + (m_config.credentials.twilioAccountSid + QLatin1Char(':') + m_config.credentials.twilioAuthToken).toUtf8().toBase64();
    if (call.header("Authorization") != expected)
        return error(401, 20003, QStringLiteral("Authenticate"));
    return std::nullopt;
}

HttpReply TwilioEmulator::error(int httpStatus, int code, const QString &message)
{
    return json(httpStatus, QJsonObject{{QStringLiteral("code"), code},
                                        {QStringLiteral("message"), message},
                                        {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
                                        {QStringLiteral("status"), httpStatus}});
}

HttpReply TwilioEmulator::echoError(const HttpCall &call)
{
    QByteArray authorization = call.header("Authorization");
    QString sid, token;
    if (authorization.startsWith("Basic ")) {
        const QString pair = QString::fromUtf8(QByteArray::fromBase64(authorization.mid(6)));
        sid = pair.section(QLatin1Char(':'), 0, 0);
        token = pair.section(QLatin1Char(':'), 1);
    }
    return json(400, QJsonObject{{QStringLiteral("code"), 20003},
                                 {QStringLiteral("message"), QStringLiteral("Authentication with twilioAuthToken %1 rejected for account %2")
                                                                 .arg(token, sid)},
                                 {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/20003")},
                                 {QStringLiteral("status"), 400},
                                 {QStringLiteral("detail"), token}});
}

QString TwilioEmulator::accountPath() const
{
    return QStringLiteral("/2010-04-01/Accounts/") + m_config.credentials.twilioAccountSid;
}

HttpReply TwilioEmulator::handle(const QString &endpoint, const HttpCall &call)
{
    const auto m = pathPattern().match(call.path);
    // Authenticated as one account, asking for another: Twilio answers as if the resource did not exist.
    if (m.captured(1) != m_config.credentials.twilioAccountSid)
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    if (endpoint == QLatin1String("twilio.search"))
        return search(call, m.captured(2));
    if (endpoint == QLatin1String("twilio.buy"))
        return buy(call);
    if (endpoint == QLatin1String("twilio.release"))
        return release(m.captured(3), call);
    if (!m.captured(3).isEmpty())
        return lookupOne(m.captured(3), call);
    return lookupList(call);
}

HttpReply TwilioEmulator::search(const HttpCall &call, const QString &country)
{
    if (!m_pool.knowsCountry(country))
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = positiveInt(query, QStringLiteral("PageSize"), 50, 1000);
    QJsonArray found;
    for (const QString &number : m_pool.candidates(country, query.value(QStringLiteral("AreaCode")))) {
        if (found.size() >= pageSize)
            break;
        if (!m_state.numberByPhone(number))
            found.append(m_pool.describe(number, country));
    }
    const QString uri = m_base + call.path + (call.rawQuery.isEmpty() ? QString() : QLatin1Char('?') + QString::fromLatin1(call.rawQuery));
    return json(200, QJsonObject{{QStringLiteral("available_phone_numbers"), found},
                                 {QStringLiteral("uri"), uri},
                                 {QStringLiteral("first_page_uri"), uri},
                                 {QStringLiteral("next_page_uri"), QJsonValue()},
                                 {QStringLiteral("previous_page_uri"), QJsonValue()},
                                 {QStringLiteral("page"), 0},
                                 {QStringLiteral("page_size"), pageSize},
                                 {QStringLiteral("start"), 0},
                                 {QStringLiteral("end"), qMax(0, int(found.size()) - 1)}});
}

HttpReply TwilioEmulator::buy(const HttpCall &call)
{
    static const QRegularExpression e164(QStringLiteral(R"(^\+[1-9]\d{6,14}$)"));
    const FormData form = FormData::parse(call.body);
    QString phone = form.value(QStringLiteral("PhoneNumber"));
    if (!form.contains(QStringLiteral("PhoneNumber"))) {
        if (!form.contains(QStringLiteral("AreaCode")))
            return error(400, 21450, QStringLiteral("Either PhoneNumber or AreaCode is required"));
        // Buy-by-area-code: the first free number there, or 21452.
        const QString area = form.value(QStringLiteral("AreaCode"));
        for (const QString &candidate : m_pool.candidates(QStringLiteral("US"), area)) {
            if (!m_state.numberByPhone(candidate)) {
                phone = candidate;
                break;
            }
        }
        if (phone.isEmpty())
            return error(400, 21452, QStringLiteral("No phone numbers found in area code %1").arg(area));
    }
    if (!e164.match(phone).hasMatch())
        return error(400, 21421, QStringLiteral("PhoneNumber is invalid"));
    if (m_state.numberByPhone(phone) || m_pool.countryOf(phone).isEmpty())
        return error(400, 21422, QStringLiteral("Phone number %1 is not available").arg(phone));
    const QString friendly = form.contains(QStringLiteral("FriendlyName")) ? form.value(QStringLiteral("FriendlyName"))
                                                                           : TwilioNumberPool::formatFriendly(phone);
    if (friendly.size() > 64)
        return error(400, 20001, QStringLiteral("FriendlyName is too long (64 characters at most)"));
    SandboxState::OwnedNumber owned{QStringLiteral("PN") + randomHex(32), phone, friendly,
                                    QDateTime::currentDateTimeUtc()};
    m_state.numbers().append(owned);
    return json(201, numberJson(owned));
}

HttpReply TwilioEmulator::release(const QString &sid, const HttpCall &call)
{
    if (!m_state.removeNumber(sid))
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    return HttpReply(204);
}

HttpReply TwilioEmulator::lookupOne(const QString &sid, const HttpCall &call)
{
    const SandboxState::OwnedNumber *n = m_state.numberBySid(sid);
    if (!n)
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    return json(200, numberJson(*n));
}

HttpReply TwilioEmulator::lookupList(const HttpCall &call)
{
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = qMax(1, positiveInt(query, QStringLiteral("PageSize"), 50, 1000));
    const int page = positiveInt(query, QStringLiteral("Page"), 0, 100000);
    QList<const SandboxState::OwnedNumber *> matching;
    for (const auto &n : m_state.numbers()) {
        // Exact matches only: a raw `+` arrives as a space and finds nothing, as with Twilio's E.164 filter.
        if (query.contains(QStringLiteral("PhoneNumber")) && n.phoneNumber != query.value(QStringLiteral("PhoneNumber")))
            continue;
        if (query.contains(QStringLiteral("FriendlyName")) && n.friendlyName != query.value(QStringLiteral("FriendlyName")))
            continue;
        matching.append(&n);
    }
    QJsonArray items;
    const int start = page * pageSize;
    for (int i = start; i < qMin<int>(matching.size(), start + pageSize); ++i)
        items.append(numberJson(*matching.at(i)));
    const auto pageUri = [&](int p) {
        QString q = QStringLiteral("PageSize=%1&Page=%2").arg(pageSize).arg(p);
        for (const QString &key : {QStringLiteral("PhoneNumber"), QStringLiteral("FriendlyName")}) {
            if (query.contains(key))
                q += QLatin1Char('&') + key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(query.value(key)));
        }
        return m_base + call.path + QLatin1Char('?') + q;
    };
    const bool more = start + pageSize < matching.size();
    return json(200, QJsonObject{{QStringLiteral("incoming_phone_numbers"), items},
                                 {QStringLiteral("uri"), pageUri(page)},
                                 {QStringLiteral("first_page_uri"), pageUri(0)},
                                 {QStringLiteral("next_page_uri"), more ? QJsonValue(pageUri(page + 1)) : QJsonValue()},
                                 {QStringLiteral("previous_page_uri"), page > 0 ? QJsonValue(pageUri(page - 1)) : QJsonValue()},
                                 {QStringLiteral("page"), page},
                                 {QStringLiteral("page_size"), pageSize},
                                 {QStringLiteral("start"), start},
                                 {QStringLiteral("end"), qMax(start, start + int(items.size()) - 1)}});
}

QJsonObject TwilioEmulator::numberJson(const SandboxState::OwnedNumber &n) const
{
    const QString created = rfc2822(n.created);
    return QJsonObject{
        {QStringLiteral("sid"), n.sid},
        {QStringLiteral("account_sid"), m_config.credentials.twilioAccountSid},
        {QStringLiteral("phone_number"), n.phoneNumber},
        {QStringLiteral("friendly_name"), n.friendlyName},
        {QStringLiteral("date_created"), created},
        {QStringLiteral("date_updated"), created},
        {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
        {QStringLiteral("address_requirements"), QStringLiteral("none")},
        {QStringLiteral("beta"), false},
        {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("voice"), true}, {QStringLiteral("SMS"), true},
                                                     {QStringLiteral("MMS"), true}, {QStringLiteral("fax"), false}}},
        {QStringLiteral("origin"), QStringLiteral("twilio")},
        {QStringLiteral("status"), QStringLiteral("in-use")},
        {QStringLiteral("voice_method"), QStringLiteral("POST")},
        {QStringLiteral("voice_url"), QJsonValue()},
        {QStringLiteral("sms_method"), QStringLiteral("POST")},
        {QStringLiteral("sms_url"), QJsonValue()},
        {QStringLiteral("voice_receive_mode"), QStringLiteral("voice")},
        {QStringLiteral("voice_caller_id_lookup"), false},
        {QStringLiteral("emergency_status"), QStringLiteral("Inactive")},
        {QStringLiteral("emergency_address_status"), QStringLiteral("unregistered")},
        {QStringLiteral("trunk_sid"), QJsonValue()},
        {QStringLiteral("bundle_sid"), QJsonValue()},
        {QStringLiteral("uri"), accountPath() + QStringLiteral("/IncomingPhoneNumbers/") + n.sid + QStringLiteral(".json")},
    };
}

} // namespace oc::sandbox
