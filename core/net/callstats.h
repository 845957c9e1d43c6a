#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QUrl>

#include <map>
#include <tuple>

namespace oc {

// Every vendor HTTP exchange this process made (retries included), by host, method, endpoint — the path with
// its ids replaced by {id}, so /assistant/9b44… and /assistant/ef1e… count as one — and status (0: no answer).
// What the service's /metrics exports.
class CallStats
{
public:
    static CallStats &instance();

    void record(const QByteArray &method, const QUrl &url, int httpStatus);

    struct Row {
        QString host;
        QString method;
        QString endpoint;
        int status = 0;
        quint64 count = 0;
    };
    QList<Row> snapshot() const;

    // "/2010-04-01/Accounts/AC…/IncomingPhoneNumbers/PN….json" → "/2010-04-01/Accounts/{id}/IncomingPhoneNumbers/{id}.json".
    static QString endpointOf(const QString &path);

private:
    mutable QMutex m_mutex;
    std::map<std::tuple<QString, QString, QString, int>, quint64> m_counts;
};

} // namespace oc
