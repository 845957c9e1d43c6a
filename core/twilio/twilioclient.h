#pragma once

#include "net/typedcall.h"
#include "twilio/availablenumber.h"
#include "twilio/incomingnumber.h"
#include "twilio/twilioconfig.h"

#include <QList>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace oc {
class NetworkPool;
}

namespace oc {

// Twilio REST 2010-04-01, the calls provisioning needs (DESIGN §4). Every method returns a started call
// (see ApiCall): connect finished(), read value() when ok(), else error() — kind Api with vendorCode set to
// Twilio's `code` (21421, 21422, 21452, 21631, 20003, 20404, 20429, …) when Twilio explained itself.
// Destroying a call cancels it. Not a QObject; the QNAM must outlive the client and its calls.
class TwilioClient
{
public:
    template<class T>
    using Call = std::unique_ptr<TypedCall<T>>;

    TwilioClient(QNetworkAccessManager &nam, TwilioConfig config);
    // Each call takes the least busy manager of `pool` (which must outlive the client and its calls): many calls
    // at once are not capped at Qt's six connections per host and manager.
    TwilioClient(NetworkPool &pool, TwilioConfig config);
    TwilioClient(const TwilioClient &) = delete;
    TwilioClient &operator=(const TwilioClient &) = delete;

    // Nothing found is an empty list, not an error.
    Call<QList<AvailableNumber>> searchLocalNumbers(const QString &countryCode, const QString &areaCode,
                                                    int pageSize = 20) const;
    // 201 → the bought number. Ambiguous errors (timeout, reset, 5xx) must be reconciled by findOwnedNumber.
    Call<IncomingNumber> buyNumber(const QString &phoneNumberE164, const QString &friendlyName) const;
    // 204, or 404/20404 (already gone): both succeed.
    Call<bool> releaseNumber(const QString &numberSid) const;
    // nullopt when the account does not own the number.
    Call<std::optional<IncomingNumber>> findOwnedNumber(const QString &phoneNumberE164) const;
    // Every owned number, following next_page_uri (relative or absolute — always re-rooted on baseUrl so
    // credentials never go to another host).
    Call<QList<IncomingNumber>> listOwnedNumbers(int pageSize = 50) const;

    // Twilio's error body {code, message, more_info, status} folded into the transport error.
    static ApiError refineError(const HttpCall &call);

private:
    HttpRequest request(const QByteArray &method, const QString &accountPath) const;
    QUrl url(const QString &absolutePath, const QString &query = {}) const;

    QNetworkAccessManager &nam() const;

    QNetworkAccessManager *m_nam = nullptr;
    NetworkPool *m_pool = nullptr;
    TwilioConfig m_config;
};

} // namespace oc
