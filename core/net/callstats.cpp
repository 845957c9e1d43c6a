#include "callstats.h"

#include <QRegularExpression>

#include <algorithm>

namespace oc {

CallStats &CallStats::instance()
{
    static CallStats stats;
    return stats;
}

QString CallStats::endpointOf(const QString &path)
{
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString &segment : segments) {
        QString stem = segment;
        QString suffix;
        if (stem.endsWith(QLatin1String(".json"))) {
            stem.chop(5);
            suffix = QStringLiteral(".json");
        }
        const bool hasDigit = std::any_of(stem.begin(), stem.end(), [](QChar c) { return c.isDigit(); });
        if (stem.size() >= 8 && hasDigit && !date.match(stem).hasMatch())
            segment = QStringLiteral("{id}") + suffix;
    }
    return segments.join(QLatin1Char('/'));
}

void CallStats::record(const QByteArray &method, const QUrl &url, int httpStatus)
{
    const QString host = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    QMutexLocker lock(&m_mutex);
    ++m_counts[{host, QString::fromLatin1(method), endpointOf(url.path()), httpStatus}];
}

QList<CallStats::Row> CallStats::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    QList<Row> rows;
    for (const auto &[key, count] : m_counts)
        rows.append({std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), count});
    return rows;
}

} // namespace oc
