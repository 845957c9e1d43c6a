#include "vapi/vapiclient.h"

#include "net/jsonfields.h"
#include "net/networkpool.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace oc {

namespace {

ApiError parseError(QString what)
{
    return ApiError{ApiError::Kind::Parse, 0, {}, std::move(what), false, false};
}

QString pathId(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

// A one-object answer: the entity, or why not.
template<class T>
CallStep<T> single(const HttpCall &call)
{
    if (!call.ok())
        return VapiClient::refineError(call);
    const auto body = JsonFields::object(call.body());
    if (!body || body->value(QLatin1String("id")).toString().isEmpty()) {
        ApiError e = parseError(QStringLiteral("VAPI's answer has no id."));
        e.httpStatus = call.httpStatus();
        // A create or update answered 2xx: it happened, but we cannot tell what — reconcile by lookup.
        e.ambiguous = !RetryPolicy::isIdempotent(call.request().method);
        return e;
    }
    return T::fromJson(*body);
}

template<class T>
CallStep<QList<T>> list(const HttpCall &call)
{
    if (!call.ok())
        return VapiClient::refineError(call);
    const auto body = JsonFields::array(call.body());
    if (!body)
        return parseError(QStringLiteral("VAPI's list answer is not a JSON array."));
    QList<T> items;
    for (const QJsonValue &v : *body)
        items.append(T::fromJson(v.toObject()));
    return items;
}

// VAPI's maximum `limit`; and a bound on pages, for a broken server that keeps inventing ids.
constexpr int MaxPageSize = 1000;
constexpr int MaxPages = 1000;

QString stamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

CallStep<bool> gone(const HttpCall &call)
{
    if (call.ok() || call.httpStatus() == 404)
        return true; // 404: already deleted
    return VapiClient::refineError(call);
}

} // namespace

VapiClient::VapiClient(QNetworkAccessManager &nam, VapiConfig config) : m_nam(&nam), m_config(std::move(config)) {}

VapiClient::VapiClient(NetworkPool &pool, VapiConfig config) : m_pool(&pool), m_config(std::move(config)) {}

QNetworkAccessManager &VapiClient::nam() const
{
    return m_pool ? m_pool->acquire() : *m_nam;
}

HttpRequest VapiClient::request(const QByteArray &method, const QString &path, const QJsonObject &body) const
{
    HttpRequest r;
    r.method = method;
    r.url = m_config.baseUrl;
    QString base = r.url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    r.url.setPath(base + path);
    r.header("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    r.header("Accept", "application/json");
    if (!body.isEmpty()) {
        r.header("Content-Type", "application/json");
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return r;
}

ApiError VapiClient::refineError(const HttpCall &call)
{
    ApiError error = call.error();
    if (error.kind != ApiError::Kind::Http)
        return error;
    const auto body = JsonFields::object(call.body());
    if (!body || (!body->contains(QLatin1String("message")) && !body->contains(QLatin1String("error")))) {
        const QByteArray type = call.rawHeader("Content-Type");
        if (const QString problem = body ? Redactor::text(JsonFields::problemText(*body)).simplified() : QString(); !problem.isEmpty()) {
            error.message = QStringLiteral("VAPI (or a proxy in front of it) answered HTTP %1: %2").arg(error.httpStatus).arg(problem);
            return error;
        }
        error.message = QStringLiteral("VAPI answered HTTP %1 without a readable error body%2.")
                            .arg(error.httpStatus)
                            .arg(type.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromLatin1(type)));
        return error;
    }
    error.kind = ApiError::Kind::Api;
    error.vendorCode = JsonFields::text(body->value(QLatin1String("error")));
    const QJsonValue message = body->value(QLatin1String("message"));
    QStringList parts;
    if (message.isArray()) {
        for (const QJsonValue &m : message.toArray())
            parts << JsonFields::text(m);
    } else {
        parts << JsonFields::text(message);
    }
    parts.removeAll(QString());
    QString text = Redactor::text(parts.join(QStringLiteral("; "))).simplified();
    if (error.httpStatus == 409 && call.request().method == "DELETE" && call.request().url.path().contains(QLatin1String("/assistant/")))
        text = QStringLiteral("The assistant is pinned in VAPI and cannot be deleted; unpin it in the VAPI dashboard first")
               + (text.isEmpty() ? QStringLiteral(".") : QStringLiteral(" (%1).").arg(text));
    error.message = text.isEmpty() ? QStringLiteral("VAPI error %1.").arg(error.vendorCode) : text;
    qCDebug(lcVapi).noquote() << "VAPI error" << error.describe();
    return error;
}

VapiClient::Call<VapiAssistant> VapiClient::createAssistant(const QJsonObject &body) const
{
    return std::make_unique<TypedCall<VapiAssistant>>(nam(), m_config.retry, request("POST", QStringLiteral("/assistant"), body),
                                                      &single<VapiAssistant>);
}

VapiClient::Call<VapiAssistant> VapiClient::getAssistant(const QString &id) const
{
    return std::make_unique<TypedCall<VapiAssistant>>(
        nam(), m_config.retry, request("GET", QStringLiteral("/assistant/") + pathId(id)), &single<VapiAssistant>);
}

VapiClient::Call<VapiAssistant> VapiClient::updateAssistant(const QString &id, const QJsonObject &patch) const
{
    return std::make_unique<TypedCall<VapiAssistant>>(
        nam(), m_config.retry, request("PATCH", QStringLiteral("/assistant/") + pathId(id), patch),
        &single<VapiAssistant>);
}

VapiClient::Call<bool> VapiClient::deleteAssistant(const QString &id) const
{
    return std::make_unique<TypedCall<bool>>(nam(), m_config.retry,
                                             request("DELETE", QStringLiteral("/assistant/") + pathId(id)), &gone);
}

template<class T>
VapiClient::Call<QList<T>> VapiClient::listAll(const QString &path, const QDateTime &createdAtGe, int sample,
                                               const QList<std::pair<QString, QString>> &filters, const QDateTime &createdAtLt) const
{
    const int pageSize = std::clamp(m_config.pageSize, 1, MaxPageSize);
    const bool probe = sample > 0 && sample < pageSize;
    const int limit = probe ? sample : pageSize;
    // Every page: the caller's lower bound, the window's upper bound (none on the first page), the page size.
    const auto page = [base = request("GET", path), createdAtGe, createdAtLt, limit, filters](const QDateTime &createdAtLe) {
        HttpRequest r = base;
        QUrlQuery query;
        for (const auto &[name, value] : filters)
            query.addQueryItem(name, value);
        if (createdAtGe.isValid())
            query.addQueryItem(QStringLiteral("createdAtGe"), stamp(createdAtGe));
        if (createdAtLe.isValid()) // the next window: its bound is below createdAtLt already
            query.addQueryItem(QStringLiteral("createdAtLe"), stamp(createdAtLe));
        else if (createdAtLt.isValid())
            query.addQueryItem(QStringLiteral("createdAtLt"), stamp(createdAtLt));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        r.url.setQuery(query);
        return r;
    };
    if (probe)
        return std::make_unique<TypedCall<QList<T>>>(nam(), m_config.retry, page({}), &list<T>);

    struct Collected {
        QList<T> items;
        QSet<QString> ids;
        int pages = 0;
    };
    auto collected = std::make_shared<Collected>();
    return std::make_unique<TypedCall<QList<T>>>(
        nam(), m_config.retry, page({}), [collected, page, limit, path](const HttpCall &call) -> CallStep<QList<T>> {
            CallStep<QList<T>> answer = list<T>(call);
            auto *items = std::get_if<QList<T>>(&answer);
            if (!items)
                return answer;
            int fresh = 0;
            QDateTime oldest;
            for (T &item : *items) {
                if (item.createdAt.isValid() && (!oldest.isValid() || item.createdAt < oldest))
                    oldest = item.createdAt;
                if (collected->ids.contains(item.id))
                    continue;
                collected->ids.insert(item.id);
                collected->items.append(std::move(item));
                ++fresh;
            }
            ++collected->pages;
            if (items->size() < limit)
                return std::move(collected->items); // a short page: the window is exhausted
            if (fresh == 0 || !oldest.isValid() || collected->pages >= MaxPages) {
                // More than a page share the oldest createdAt (or the items carry none): no window gets past them.
                qCDebug(lcVapi).noquote() << "GET" << path << "stops after" << collected->pages << "pages with"
                                          << collected->items.size() << "items: a full page brought nothing new"
                                          << (oldest.isValid() ? QStringLiteral("at createdAt %1").arg(stamp(oldest)) : QString());
                return std::move(collected->items);
            }
            return page(oldest);
        });
}

VapiClient::Call<QList<VapiAssistant>> VapiClient::listAssistants(const QDateTime &createdAtGe, int sample) const
{
    return listAll<VapiAssistant>(QStringLiteral("/assistant"), createdAtGe, sample);
}

VapiClient::Call<QList<VapiCall>> VapiClient::listCalls(const QString &assistantId, const QDateTime &createdAtGe,
                                                       const QDateTime &createdAtLt) const
{
    return listAll<VapiCall>(QStringLiteral("/call"), createdAtGe, 0, {{QStringLiteral("assistantId"), assistantId}}, createdAtLt);
}

VapiClient::Call<VapiPhoneNumber> VapiClient::createPhoneNumber(const PhoneNumberRegistration &registration) const
{
    return std::make_unique<TypedCall<VapiPhoneNumber>>(
        nam(), m_config.retry, request("POST", QStringLiteral("/phone-number"), registration.toJson()),
        &single<VapiPhoneNumber>);
}

VapiClient::Call<bool> VapiClient::deletePhoneNumber(const QString &id) const
{
    return std::make_unique<TypedCall<bool>>(nam(), m_config.retry,
                                             request("DELETE", QStringLiteral("/phone-number/") + pathId(id)), &gone);
}

VapiClient::Call<QList<VapiPhoneNumber>> VapiClient::listPhoneNumbers(int sample) const
{
    return listAll<VapiPhoneNumber>(QStringLiteral("/phone-number"), {}, sample);
}

} // namespace oc
