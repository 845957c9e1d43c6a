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
        R"(^/2010-04-01/Accounts/([^/]+)/(?:AvailablePhoneNumbers/([^/]+)/Local\.json|IncomingPhoneNumbers(?:/([^/]+))?\.json|(Addresses)\.json)$)"));
    return re;
}

const QRegularExpression &pricingPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(^/v1/PhoneNumbers/Countries/([^/]+)$)"));
    return re;
}

// Realistic list prices (USD a month) of a local number, as Twilio's price list showed them.
struct CountryPrice {
    const char *iso;
    const char *name;
    double local;
    double tollFree;
};
constexpr CountryPrice kPrices[] = {
    {"US", "United States", 1.15, 2.15}, {"CA", "Canada", 1.15, 2.15},  {"GB", "United Kingdom", 1.15, 2.00},
    {"DE", "Germany", 1.00, 15.00},      {"FR", "France", 1.00, 25.00}, {"AU", "Australia", 3.00, 16.00},
    {"NL", "Netherlands", 1.00, 25.00},  {"IE", "Ireland", 1.00, 20.00}, {"ES", "Spain", 1.00, 25.00},
    {"IT", "Italy", 1.00, 25.00},        {"SE", "Sweden", 3.00, 25.00}, {"CH", "Switzerland", 1.00, 25.00},
};

const CountryPrice *priceOf(const QString &iso)
{
    for (const CountryPrice &p : kPrices) {
        if (iso.compare(QLatin1String(p.iso), Qt::CaseInsensitive) == 0)
            return &p;
    }
    return nullptr;
}

// RN + 32 hex digits, fixed per country and end-user type: a bundle names the regulation it was made for.
QString regulationSid(const QString &country, const QString &endUser)
{
    return QStringLiteral("RN%1%2")
        .arg(QString::fromLatin1(country.toLatin1().toHex()), endUser == QLatin1String("business") ? QStringLiteral("b") : QStringLiteral("c"))
        .leftJustified(34, QLatin1Char('0'));
}

QString isoDate(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
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

// One page holding every item, as API 2010 lists answer (`key`: the list's name, `uri`: this request's own).
QJsonObject onePage2010(const QString &key, const QJsonArray &items, const QString &uri, int pageSize)
{
    return QJsonObject{{key, items},
                       {QStringLiteral("uri"), uri},
                       {QStringLiteral("first_page_uri"), uri},
                       {QStringLiteral("next_page_uri"), QJsonValue()},
                       {QStringLiteral("previous_page_uri"), QJsonValue()},
                       {QStringLiteral("page"), 0},
                       {QStringLiteral("page_size"), pageSize},
                       {QStringLiteral("start"), 0},
                       {QStringLiteral("end"), qMax(0, int(items.size()) - 1)}};
}

} // namespace

TwilioEmulator::TwilioEmulator(SandboxState &state, const SandboxConfig &config)
    : m_state(state), m_config(config), m_pool(config.exhaustedAreaCodes)
{
    if (config.seedCompliance && m_state.bundles().isEmpty() && m_state.addresses().isEmpty())
        m_state.seedCompliance();
}

QString TwilioEmulator::route(const HttpCall &call) const
{
    if (call.path == QLatin1String("/v2/RegulatoryCompliance/Regulations"))
        return call.method == "GET" ? QStringLiteral("twilio.regulations") : QString();
    if (call.path == QLatin1String("/v2/RegulatoryCompliance/Bundles"))
        return call.method == "GET" ? QStringLiteral("twilio.bundles") : QString();
    if (pricingPattern().match(call.path).hasMatch())
        return call.method == "GET" ? QStringLiteral("twilio.pricing") : QString();
    const auto m = pathPattern().match(call.path);
    if (!m.hasMatch())
        return {};
    if (!m.captured(4).isEmpty())
        return call.method == "GET" ? QStringLiteral("twilio.addresses") : QString();
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
    if (endpoint == QLatin1String("twilio.regulations"))
        return regulations(call);
    if (endpoint == QLatin1String("twilio.bundles"))
        return bundles(call);
    if (endpoint == QLatin1String("twilio.pricing"))
        return pricing(call);
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
    if (endpoint == QLatin1String("twilio.addresses"))
        return addresses(call);
    if (!m.captured(3).isEmpty())
        return lookupOne(m.captured(3), call);
    return lookupList(call);
}

std::optional<double> TwilioEmulator::localPrice(const QString &isoCountry)
{
    const CountryPrice *p = priceOf(isoCountry);
    return p ? std::optional<double>(p->local) : std::nullopt;
}

HttpReply TwilioEmulator::pricing(const HttpCall &call)
{
    const QString iso = pricingPattern().match(call.path).captured(1);
    const CountryPrice *p = priceOf(iso);
    if (!p)
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    // The spec types prices `number` (x-twilio overrideType string: the live API and the spec's example send
    // "1.15"); the sandbox follows the schema, the client reads both.
    const auto price = [](double v) { return v; };
    const QString url = (m_base.isEmpty() ? QStringLiteral("https://pricing.twilio.com") : m_base) + call.path;
    return json(200, QJsonObject{{QStringLiteral("country"), QLatin1String(p->name)},
                                 {QStringLiteral("iso_country"), QLatin1String(p->iso)},
                                 {QStringLiteral("phone_number_prices"),
                                  QJsonArray{QJsonObject{{QStringLiteral("number_type"), QStringLiteral("local")},
                                                         {QStringLiteral("base_price"), price(p->local)},
                                                         {QStringLiteral("current_price"), price(p->local)}},
                                             QJsonObject{{QStringLiteral("number_type"), QStringLiteral("toll free")},
                                                         {QStringLiteral("base_price"), price(p->tollFree)},
                                                         {QStringLiteral("current_price"), price(p->tollFree)}}}},
                                 {QStringLiteral("price_unit"), QStringLiteral("USD")},
                                 {QStringLiteral("url"), url}});
}

HttpReply TwilioEmulator::search(const HttpCall &call, const QString &country)
{
    if (!m_pool.knowsCountry(country))
        return error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path));
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = positiveInt(query, QStringLiteral("PageSize"), 50, 1000);
    // AreaCode only works in NANP; elsewhere Contains (a prefix) and InLocality (a city) narrow the search.
    const QString contains = query.value(QStringLiteral("Contains"));
    const QString area = m_pool.searchesByAreaCode(country)
        ? query.value(QStringLiteral("AreaCode"))
        : m_pool.areaFor(country, contains, query.value(QStringLiteral("InLocality")));
    const bool noneRequiringAddress = query.value(QStringLiteral("ExcludeAllAddressRequired")) == QLatin1String("true")
                                      || query.value(QStringLiteral("ExcludeLocalAddressRequired")) == QLatin1String("true");
    QJsonArray found;
    if (!area.isEmpty() || m_pool.searchesByAreaCode(country)) {
        for (const QString &number : m_pool.candidates(country, area)) {
            if (found.size() >= pageSize || (noneRequiringAddress && m_pool.isRegulated(country)))
                break;
            if (!contains.isEmpty() && !(contains.startsWith(QLatin1Char('+')) ? number.startsWith(contains) : number.contains(contains)))
                continue;
            if (!m_state.numberByPhone(number))
                found.append(m_pool.describe(number, country));
        }
    }
    const QString uri = m_base + call.path + (call.rawQuery.isEmpty() ? QString() : QLatin1Char('?') + QString::fromLatin1(call.rawQuery));
    return json(200, onePage2010(QStringLiteral("available_phone_numbers"), found, uri, pageSize));
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
    const QString bundleSid = form.value(QStringLiteral("BundleSid"));
    const QString addressSid = form.value(QStringLiteral("AddressSid"));
    if (auto refused = refuseUnlessCompliant(phone, m_pool.countryOf(phone), bundleSid, addressSid))
        return *refused;
    SandboxState::OwnedNumber owned{QStringLiteral("PN") + randomHex(32), phone, friendly,
                                    QDateTime::currentDateTimeUtc(), bundleSid, addressSid};
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
        {QStringLiteral("address_requirements"), m_pool.isRegulated(m_pool.countryOf(n.phoneNumber)) ? QStringLiteral("local")
                                                                                                     : QStringLiteral("none")},
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
        {QStringLiteral("bundle_sid"), n.bundleSid.isEmpty() ? QJsonValue() : QJsonValue(n.bundleSid)},
        {QStringLiteral("address_sid"), n.addressSid.isEmpty() ? QJsonValue() : QJsonValue(n.addressSid)},
        {QStringLiteral("uri"), accountPath() + QStringLiteral("/IncomingPhoneNumbers/") + n.sid + QStringLiteral(".json")},
    };
}

std::optional<HttpReply> TwilioEmulator::refuseUnlessCompliant(const QString &phone, const QString &country, const QString &bundleSid,
                                                               const QString &addressSid) const
{
    if (!m_pool.isRegulated(country))
        return std::nullopt;
    const SandboxState::Bundle *bundle = m_state.bundleBySid(bundleSid);
    if (!bundle || bundle->status != QLatin1String("twilio-approved") || bundle->isoCountry != country
        || bundle->numberType != QLatin1String("local"))
        return error(400, 21649, QStringLiteral("Phone number %1 requires an approved Bundle for %2 local numbers; BundleSid %3 is not one")
                                     .arg(phone, country, bundleSid.isEmpty() ? QStringLiteral("(none)") : bundleSid));
    if (addressSid.isEmpty() && m_state.addresses().isEmpty())
        return error(400, 21613, QStringLiteral("Phone number %1 requires a local address, and the account has none").arg(phone));
    const SandboxState::Address *address = m_state.addressBySid(addressSid);
    // Germany: the address must be inside the number's locality.
    const QString locality = country == QLatin1String("DE") ? m_pool.localityOf(phone, country) : QString();
    if (!address || address->isoCountry != country
        || (!locality.isEmpty() && address->city.compare(locality, Qt::CaseInsensitive) != 0))
        return error(400, 21631, QStringLiteral("Phone number %1 requires a local address%2; AddressSid %3 does not satisfy it")
                                     .arg(phone, locality.isEmpty() ? QString() : QStringLiteral(" in ") + locality,
                                          addressSid.isEmpty() ? QStringLiteral("(none)") : addressSid));
    return std::nullopt;
}

QJsonObject TwilioEmulator::v2Page(const HttpCall &call, const QJsonArray &results, int pageSize) const
{
    const QString url = m_base + call.path + (call.rawQuery.isEmpty() ? QString() : QLatin1Char('?') + QString::fromLatin1(call.rawQuery));
    return QJsonObject{{QStringLiteral("results"), results},
                       {QStringLiteral("meta"), QJsonObject{{QStringLiteral("page"), 0},
                                                            {QStringLiteral("page_size"), pageSize},
                                                            {QStringLiteral("first_page_url"), url},
                                                            {QStringLiteral("previous_page_url"), QJsonValue()},
                                                            {QStringLiteral("url"), url},
                                                            {QStringLiteral("next_page_url"), QJsonValue()},
                                                            {QStringLiteral("key"), QStringLiteral("results")}}}};
}

HttpReply TwilioEmulator::regulations(const HttpCall &call) const
{
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = positiveInt(query, QStringLiteral("PageSize"), 50, 1000);
    const QString iso = query.value(QStringLiteral("IsoCountry"));
    const QString type = query.value(QStringLiteral("NumberType"));
    const QString endUser = query.value(QStringLiteral("EndUserType"));
    static const QHash<QString, QString> names{{QStringLiteral("DE"), QStringLiteral("Germany")},
                                               {QStringLiteral("GB"), QStringLiteral("United Kingdom")},
                                               {QStringLiteral("AU"), QStringLiteral("Australia")}};
    QJsonArray results;
    for (const QString &country : {QStringLiteral("AU"), QStringLiteral("DE"), QStringLiteral("GB")}) {
        if (!m_pool.isRegulated(country) || (!iso.isEmpty() && iso != country) || (!type.isEmpty() && type != QLatin1String("local")))
            continue;
        for (const QString &user : {QStringLiteral("business"), QStringLiteral("individual")}) {
            if (!endUser.isEmpty() && endUser != user)
                continue;
            // RN + 32 hex digits, fixed per country and end-user type.
            const QString sid = regulationSid(country, user);
            const QJsonObject addressDocument{
                {QStringLiteral("name"), QStringLiteral("Address")},
                {QStringLiteral("type"), QStringLiteral("document")},
                {QStringLiteral("requirement_name"), QStringLiteral("proof_of_address")},
                {QStringLiteral("description"), QStringLiteral("The physical location of the business; in the number's locality.")},
                {QStringLiteral("accepted_documents"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Address Validation")},
                                                                              {QStringLiteral("type"), QStringLiteral("address")},
                                                                              {QStringLiteral("fields"), QJsonArray{QStringLiteral("address_sids")}}}}}};
            const QString userName = user == QLatin1String("business") ? QStringLiteral("Business") : QStringLiteral("Individual");
            results.append(QJsonObject{
                {QStringLiteral("sid"), sid},
                {QStringLiteral("friendly_name"), QStringLiteral("%1: Local - %2").arg(names.value(country), userName)},
                {QStringLiteral("iso_country"), country},
                {QStringLiteral("number_type"), QStringLiteral("local")},
                {QStringLiteral("end_user_type"), user},
                {QStringLiteral("requirements"), QJsonObject{{QStringLiteral("end_user"), QJsonArray{QJsonObject{
                                                                 {QStringLiteral("name"), userName},
                                                                 {QStringLiteral("type"), user},
                                                                 {QStringLiteral("requirement_name"), user + QStringLiteral("_info")}}}},
                                                             {QStringLiteral("supporting_document"), QJsonArray{QJsonArray{addressDocument}}}}},
                {QStringLiteral("url"), m_base + QStringLiteral("/v2/RegulatoryCompliance/Regulations/") + sid}});
        }
    }
    return json(200, v2Page(call, results, pageSize));
}

HttpReply TwilioEmulator::bundles(const HttpCall &call) const
{
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = positiveInt(query, QStringLiteral("PageSize"), 50, 1000);
    QJsonArray results;
    for (const SandboxState::Bundle &b : m_state.bundles()) {
        if ((query.contains(QStringLiteral("Status")) && b.status != query.value(QStringLiteral("Status")))
            || (query.contains(QStringLiteral("IsoCountry")) && b.isoCountry != query.value(QStringLiteral("IsoCountry")))
            || (query.contains(QStringLiteral("NumberType")) && b.numberType != query.value(QStringLiteral("NumberType"))))
            continue;
        const QString regulation = b.regulationSid.isEmpty() ? regulationSid(b.isoCountry, b.endUserType) : b.regulationSid;
        results.append(QJsonObject{
            {QStringLiteral("sid"), b.sid},
            {QStringLiteral("account_sid"), m_config.credentials.twilioAccountSid},
            {QStringLiteral("regulation_sid"), regulation},
            {QStringLiteral("friendly_name"), b.friendlyName},
            {QStringLiteral("status"), b.status},
            {QStringLiteral("valid_until"), QJsonValue()},
            {QStringLiteral("email"), QStringLiteral("compliance@acme.example")},
            {QStringLiteral("status_callback"), QJsonValue()},
            {QStringLiteral("date_created"), isoDate(b.created)},
            {QStringLiteral("date_updated"), isoDate(b.updated)},
            {QStringLiteral("url"), m_base + QStringLiteral("/v2/RegulatoryCompliance/Bundles/") + b.sid},
            {QStringLiteral("links"), QJsonObject{{QStringLiteral("item_assignments"),
                                                   m_base + QStringLiteral("/v2/RegulatoryCompliance/Bundles/") + b.sid + QStringLiteral("/ItemAssignments")}}}});
        if (results.size() >= pageSize)
            break;
    }
    return json(200, v2Page(call, results, pageSize));
}

HttpReply TwilioEmulator::addresses(const HttpCall &call) const
{
    const FormData query = FormData::parse(call.rawQuery);
    const int pageSize = qMax(1, positiveInt(query, QStringLiteral("PageSize"), 50, 1000));
    QJsonArray items;
    for (const SandboxState::Address &a : m_state.addresses()) {
        if (query.contains(QStringLiteral("IsoCountry")) && a.isoCountry != query.value(QStringLiteral("IsoCountry")))
            continue;
        if (items.size() >= pageSize)
            break;
        const QString created = rfc2822(a.created);
        items.append(QJsonObject{{QStringLiteral("account_sid"), m_config.credentials.twilioAccountSid},
                                 {QStringLiteral("city"), a.city},
                                 {QStringLiteral("customer_name"), a.customerName},
                                 {QStringLiteral("date_created"), created},
                                 {QStringLiteral("date_updated"), created},
                                 {QStringLiteral("emergency_enabled"), false},
                                 {QStringLiteral("friendly_name"), a.friendlyName},
                                 {QStringLiteral("iso_country"), a.isoCountry},
                                 {QStringLiteral("postal_code"), a.postalCode},
                                 {QStringLiteral("region"), a.region},
                                 {QStringLiteral("sid"), a.sid},
                                 {QStringLiteral("street"), a.street},
                                 {QStringLiteral("street_secondary"), QJsonValue()},
                                 {QStringLiteral("validated"), true},
                                 {QStringLiteral("verified"), true},
                                 {QStringLiteral("uri"), accountPath() + QStringLiteral("/Addresses/") + a.sid + QStringLiteral(".json")}});
    }
    const QString uri = m_base + call.path + (call.rawQuery.isEmpty() ? QString() : QLatin1Char('?') + QString::fromLatin1(call.rawQuery));
    return json(200, onePage2010(QStringLiteral("addresses"), items, uri, pageSize));
}

} // namespace oc::sandbox
