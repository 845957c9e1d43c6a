#include "net/networkpool.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>

#include <algorithm>

namespace oc {

// Counts the replies it creates until each finishes (or is destroyed unfinished).
class NetworkPool::CountingManager : public QNetworkAccessManager
{
public:
    int inFlight() const { return m_inFlight; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
        ++m_inFlight;
        auto counted = std::make_shared<bool>(true);
        const auto release = [this, counted] {
            if (*counted) {
                *counted = false;
                --m_inFlight;
            }
        };
        connect(reply, &QNetworkReply::finished, this, release);
        connect(reply, &QObject::destroyed, this, release);
        return reply;
    }

private:
    int m_inFlight = 0;
};

NetworkPool::NetworkPool(int size)
{
    const int n = std::clamp(size, 1, kMaxSize);
    for (int i = 0; i < n; ++i)
        m_managers.push_back(std::make_unique<CountingManager>());
}

NetworkPool::~NetworkPool() = default;

QNetworkAccessManager &NetworkPool::acquire()
{
    const int n = size();
    int best = m_next % n;
    for (int k = 1; k < n; ++k) {
        const int i = (m_next + k) % n;
        if (m_managers[size_t(i)]->inFlight() < m_managers[size_t(best)]->inFlight())
            best = i;
    }
    m_next = (best + 1) % n;
    return *m_managers[size_t(best)];
}

QNetworkAccessManager &NetworkPool::at(int index)
{
    return *m_managers.at(size_t(index));
}

int NetworkPool::inFlight(int index) const
{
    return m_managers.at(size_t(index))->inFlight();
}

int NetworkPool::totalInFlight() const
{
    int total = 0;
    for (const auto &m : m_managers)
        total += m->inFlight();
    return total;
}

int NetworkPool::parseSize(const QString &text, int fallback)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    return ok ? std::clamp(n, 1, kMaxSize) : fallback;
}

} // namespace oc
