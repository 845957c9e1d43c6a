#pragma once

#include "net/typedcall.h"
#include "twilio/availablenumber.h"
#include "twilio/incomingnumber.h"
#include "twilio/numberprice.h"
#include "twilio/regulation.h"
#include "twilio/regulatorybundle.h"
#include "twilio/twilioaddress.h"
#include "twilio/twilioconfig.h"

#include "net/formencoding.h"

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

    // Nothing found is an empty list, not an error. `where` narrows the search (locationFilter): an area code in
    // NANP countries, a prefix or a city elsewhere. Without `address` only numbers that need no address are asked
    // for (ExcludeAllAddressRequired); with one, every number is asked for and those whose address_requirements
    // the address cannot meet are skipped.
    Call<QList<AvailableNumber>> searchLocalNumbers(const QString &countryCode, const QString &where, int pageSize = 20,
                                                    const std::optional<TwilioAddress> &address = std::nullopt) const;
    // 201 → the bought number. Ambiguous errors (timeout, reset, 5xx) must be reconciled by findOwnedNumber.
    // BundleSid and AddressSid are sent when not empty (regulated numbers: 21649, 21631, 21613 otherwise).
    Call<IncomingNumber> buyNumber(const QString &phoneNumberE164, const QString &friendlyName, const QString &bundleSid = {},
                                   const QString &addressSid = {}) const;
    // 204, or 404/20404 (already gone): both succeed.
    Call<bool> releaseNumber(const QString &numberSid) const;
    // nullopt when the account does not own the number.
    Call<std::optional<IncomingNumber>> findOwnedNumber(const QString &phoneNumberE164) const;
    // Every owned number, following next_page_uri (relative or absolute — always re-rooted on baseUrl so
    // credentials never go to another host).
    Call<QList<IncomingNumber>> listOwnedNumbers(int pageSize = 50) const;

    // Numbers v2: what Twilio requires for `numberType` numbers in a country (empty: nothing), every page.
    Call<QList<Regulation>> listRegulations(const QString &isoCountry, const QString &numberType = QStringLiteral("local"),
                                            const QString &endUserType = QStringLiteral("business")) const;
    // Numbers v2: the account's twilio-approved bundles for `numberType` numbers in a country, every page.
    Call<QList<RegulatoryBundle>> listApprovedBundles(const QString &isoCountry,
                                                      const QString &numberType = QStringLiteral("local")) const;
    // The account's addresses (in `isoCountry` only, when given), every page.
    Call<QList<TwilioAddress>> listAddresses(const QString &isoCountry = {}) const;

    // Pricing v1: what a local number costs a month in `isoCountry`. An unknown country is 404/20404; a country
    // whose answer has no local price is a parse error naming it.
    Call<NumberPrice> numberPrice(const QString &isoCountry) const;

    // Twilio's search honours AreaCode only in the North American Numbering Plan (US, CA and the other +1
    // countries); elsewhere it searches by Contains or InLocality.
    static bool searchesByAreaCode(const QString &isoCountry);
    // The search field for `where`: AreaCode (NANP); elsewhere Contains for a prefix ("+4930" as given, bare
    // digits "30" after the country's dial code) or InLocality for a city ("Berlin"). Empty `where`: none.
    static FormFields locationFilter(const QString &isoCountry, const QString &where);
    // The regulatory errors of a purchase: 21631 (the address does not fit), 21649 (no approved bundle), 21613
    // (no address). Definite: never retried, nothing was bought.
    static bool isComplianceError(const ApiError &error);

    // Twilio's error body {code, message, more_info, status} folded into the transport error.
    static ApiError refineError(const HttpCall &call);

private:
    HttpRequest request(const QByteArray &method, const QString &accountPath) const;
    HttpRequest numbersRequest(const QString &path, const FormFields &query) const;
    QUrl url(const QUrl &base, const QString &absolutePath) const;
    // The next page's URL (relative or absolute) re-rooted on `first`'s host and base path: credentials never go
    // elsewhere. Empty when there is no next page or it repeats `current`.
    static std::optional<HttpRequest> nextPage(const HttpRequest &first, const HttpRequest &current, const QString &next,
                                               const QString &apiRoot);

    QNetworkAccessManager &nam() const;

    QNetworkAccessManager *m_nam = nullptr;
    NetworkPool *m_pool = nullptr;
    TwilioConfig m_config;
};

} // namespace oc
