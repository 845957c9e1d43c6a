#include "provisioning/numberprices.h"

#include "provisioning/provisioningcontext.h"
#include "twilio/twilioclient.h"

#include <QTimer>

namespace oc {

NumberPrices::NumberPrices(ProvisioningServices &services, QStringList isoCountries, QObject *parent)
    : QObject(parent), m_services(services), m_countries(std::move(isoCountries)), m_calls(services.limiter)
{
}

void NumberPrices::start()
{
    for (const QString &c : std::as_const(m_countries)) {
        const QString key = c.trimmed().toUpper();
        if (key.isEmpty() || m_prices.contains(key) || m_missing.contains(key))
            continue;
        if (auto cached = m_services.prices->find(key))
            m_prices.insert(key, *cached);
        else
            m_missing << key;
    }
    QTimer::singleShot(0, this, &NumberPrices::next);
}

void NumberPrices::next()
{
    if (m_missing.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    const QString country = m_missing.takeFirst();
    m_calls.call<NumberPrice>([this, country] { return m_services.twilio.numberPrice(country); },
                              [this, country](const TypedCall<NumberPrice> &call) {
                                  if (call.ok()) {
                                      m_services.prices->put(country, call.value());
                                      m_prices.insert(country, call.value());
                                      ++m_fetched;
                                  } else {
                                      m_errors.insert(country, call.error().describe());
                                  }
                                  next();
                              });
}

} // namespace oc
