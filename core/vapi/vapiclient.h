#pragma once

#include "net/typedcall.h"
#include "vapi/phonenumberregistration.h"
#include "vapi/vapiassistant.h"
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
    // GET /assistant?createdAtGe=…&limit=… (a plain array); an invalid createdAtGe is left out.
    Call<QList<VapiAssistant>> listAssistants(const QDateTime &createdAtGe = {}, int limit = 100) const;

    Call<VapiPhoneNumber> createPhoneNumber(const PhoneNumberRegistration &registration) const;
    // 200, or 404 (already gone): both succeed.
    Call<bool> deletePhoneNumber(const QString &id) const;
    Call<QList<VapiPhoneNumber>> listPhoneNumbers(int limit = 100) const;

    static ApiError refineError(const HttpCall &call);

private:
    HttpRequest request(const QByteArray &method, const QString &path, const QJsonObject &body = {}) const;

    QNetworkAccessManager &nam() const;

    QNetworkAccessManager *m_nam = nullptr;
    NetworkPool *m_pool = nullptr;
    VapiConfig m_config;
};

} // namespace oc
