#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>

namespace oc {

class RunRepository;

// Cancel requests through the database (team mode): anyone may ask the owner of a live run to cancel it
// (RunRepository::requestCancel) — never by taking its lease. The owning process polls for requests on the
// runs it holds, in one query every `interval` while it holds any, and tells each run's session once.
class CancelRequests : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelRequests)

public:
    static constexpr int kDefaultIntervalMs = 400;
    explicit CancelRequests(RunRepository &runs, QObject *parent = nullptr);

    void watch(const QString &runId);
    void unwatch(const QString &runId);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    // One poll now (tests, and the timer).
    void poll();

Q_SIGNALS:
    void requested(const QString &runId);

private:
    RunRepository &m_runs;
    QSet<QString> m_watched;
    QString m_owner;
    QTimer m_timer;
};

} // namespace oc
