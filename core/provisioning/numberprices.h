#pragma once

#include "provisioning/vendorcalls.h"
#include "twilio/numberprice.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace oc {

struct ProvisioningServices;

// The local number prices of some countries: from the services' PriceCache when fresh, else from Twilio
// Pricing v1, one country at a time under the shared vendor-call limit, each answer put in the cache. Ends
// exactly once with finished(); a country Twilio has no price for (404/20404, or no local entry) is in errors(),
// never a failure of the whole. Destroying it cancels the call in flight.
class NumberPrices : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NumberPrices)

public:
    NumberPrices(ProvisioningServices &services, QStringList isoCountries, QObject *parent = nullptr);

    // Starts on the event loop (connect first); with every price cached it still ends on the next turn.
    void start();

    // By ISO country, upper case.
    const QHash<QString, NumberPrice> &prices() const { return m_prices; }
    const QHash<QString, QString> &errors() const { return m_errors; }
    // How many prices came from Twilio rather than the cache.
    int fetched() const { return m_fetched; }

Q_SIGNALS:
    void finished();

private:
    void next();

    ProvisioningServices &m_services;
    QStringList m_countries;
    QStringList m_missing;
    QHash<QString, NumberPrice> m_prices;
    QHash<QString, QString> m_errors;
    int m_fetched = 0;
    VendorCalls m_calls;
};

} // namespace oc
