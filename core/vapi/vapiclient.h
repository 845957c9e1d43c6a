#pragma once

#include "net/typedcall.h"
#include "vapi/phonenumberregistration.h"
#include "vapi/vapiassistant.h"
#include "vapi/vapicall.h"
#include "vapi/vapiconfig.h"
#include "vapi/vapiphonenumber.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <memory>

class QNetworkAccessManager;

namespace oc {
class NetworkPool;
}

namespace oc {

// VAPI's assistant and phone-number endpoints (DESIGN §4), same call shape as TwilioClient: each method
// returns a started std::unique_ptr<TypedCall<T>>; finished() once; destroying it cancels. Errors from
// VAPI's body {statusCode, error, message: string | string[]} become kind Api with vendorCode = `error`.
// Bodies may echo twilioAuthToken, so they are never logged.
class VapiClient
{
public:
    template<class T>
    using Call = std::unique_ptr<TypedCall<T>>;

    VapiClient(QNetworkAccessManager &nam, VapiConfig config);
    // Each call takes the least busy manager of `pool` (which must outlive the client and its calls): many calls
    // at once are not capped at Qt's six connections per host and manager.
    VapiClient(NetworkPool &pool, VapiConfig config);
    VapiClient(const VapiClient &) = delete;
    VapiClient &operator=(const VapiClient &) = delete;

    // `body` usually from AssistantTemplate::createBody().
    Call<VapiAssistant> createAssistant(const QJsonObject &body) const;
    Call<VapiAssistant> getAssistant(const QString &id) const;
    Call<VapiAssistant> updateAssistant(const QString &id, const QJsonObject &patch) const;
    // 200, or 404 (already gone): both succeed. 409: the assistant is pinned — an error with a clear message.
    Call<bool> deleteAssistant(const QString &id) const;
    // Every assistant created at or after `createdAtGe` (every assistant when it is invalid), exactly once each.
    // VAPI's GET /assistant has no cursor: `limit` (at most 1000) and createdAt bounds only, and no promised order
    // within a page. So the client pages through createdAt windows: it asks for `VapiConfig::pageSize` items;
    // while a page comes back full it asks again with createdAtLe = the oldest createdAt of that page (Le, not
    // Lt: timestamps tie) and the same lower bound, de-duplicating by id, until a page is short or brings no id
    // not seen before. This relies on VAPI filling a page with the newest items of the window (createdAt
    // descending, its default), never on the order in which it lists them.
    // Limitation: when more than a page of assistants share one createdAt (to the millisecond), a window cannot
    // get past them; the list stops there and returns what it saw, older ones included only if seen (a debug
    // line says so). A page size of 1000 makes that practically impossible.
    // `sample` > 0 and below the page size asks for one request of that many instead, in no particular order:
    // a probe (check-config). A sample of a full page or more is the whole list: callers that passed VAPI's
    // maximum meant "all of them".
    Call<QList<VapiAssistant>> listAssistants(const QDateTime &createdAtGe = {}, int sample = 0) const;

    Call<VapiPhoneNumber> createPhoneNumber(const PhoneNumberRegistration &registration) const;
    // 200, or 404 (already gone): both succeed.
    Call<bool> deletePhoneNumber(const QString &id) const;
    // Every VAPI phone number, paged exactly as listAssistants (GET /phone-number takes the same parameters).
    Call<QList<VapiPhoneNumber>> listPhoneNumbers(int sample = 0) const;

    // Every call of `assistantId` created in [createdAtGe, createdAtLt), paged exactly as listAssistants (the
    // first page bounded by createdAtLt, the next ones by createdAtLe = the oldest seen), each call once.
    Call<QList<VapiCall>> listCalls(const QString &assistantId, const QDateTime &createdAtGe, const QDateTime &createdAtLt) const;

    static ApiError refineError(const HttpCall &call);

private:
    HttpRequest request(const QByteArray &method, const QString &path, const QJsonObject &body = {}) const;
    template<class T>
    Call<QList<T>> listAll(const QString &path, const QDateTime &createdAtGe, int sample,
                           const QList<std::pair<QString, QString>> &filters = {}, const QDateTime &createdAtLt = {}) const;

    QNetworkAccessManager &nam() const;

    QNetworkAccessManager *m_nam = nullptr;
    NetworkPool *m_pool = nullptr;
    VapiConfig m_config;
};

} // namespace oc
