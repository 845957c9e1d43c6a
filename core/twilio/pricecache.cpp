#include "twilio/pricecache.h"

#include <QMutexLocker>

namespace oc {

PriceCache::PriceCache(Clock clock, std::chrono::seconds ttl) : m_clock(std::move(clock)), m_ttl(ttl) {}

QDateTime PriceCache::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

std::optional<NumberPrice> PriceCache::find(const QString &isoCountry) const
{
    const QString key = isoCountry.trimmed().toUpper();
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return std::nullopt;
    const qint64 age = it->fetchedAt.secsTo(now());
    if (age < 0 || age >= m_ttl.count())
        return std::nullopt; // stale (or from a clock that went back: fetch again rather than trust it)
    return it->price;
}

void PriceCache::put(const QString &isoCountry, const NumberPrice &price)
{
    const QString key = (isoCountry.isEmpty() ? price.isoCountry : isoCountry).trimmed().toUpper();
    if (key.isEmpty())
        return;
    const QDateTime at = now();
    QMutexLocker lock(&m_mutex);
    m_entries.insert(key, Entry{price, at});
}

QStringList PriceCache::missing(const QStringList &isoCountries) const
{
    QStringList out;
    for (const QString &c : isoCountries) {
        const QString key = c.trimmed().toUpper();
        if (!key.isEmpty() && !out.contains(key) && !find(key))
            out << key;
    }
    return out;
}

void PriceCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace oc
