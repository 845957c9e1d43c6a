#pragma once

#include "twilio/numberprice.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

namespace oc {

// Twilio's local number prices by country, each kept for a day (prices change rarely; an org list of 200
// numbers in three countries should cost three lookups, not 200). In memory, per process; thread-safe.
// The clock is injected so tests can step over the TTL.
class PriceCache
{
public:
    using Clock = std::function<QDateTime()>;
    static constexpr std::chrono::seconds kDefaultTtl{24 * 60 * 60};

    explicit PriceCache(Clock clock = {}, std::chrono::seconds ttl = kDefaultTtl);
    PriceCache(const PriceCache &) = delete;
    PriceCache &operator=(const PriceCache &) = delete;

    // The price for `isoCountry` (case-insensitive) if one younger than the TTL is held.
    std::optional<NumberPrice> find(const QString &isoCountry) const;
    // Stores `price` under `isoCountry` (its own iso_country when empty) as fetched now.
    void put(const QString &isoCountry, const NumberPrice &price);
    // Of `isoCountries`, those with no fresh price (upper case, each once, in the order given).
    QStringList missing(const QStringList &isoCountries) const;
    void clear();

private:
    struct Entry {
        NumberPrice price;
        QDateTime fetchedAt;
    };
    QDateTime now() const;

    Clock m_clock;
    std::chrono::seconds m_ttl;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace oc
