#pragma once

#include "domain/provisioningrun.h"
#include "util/result.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace oc {
class RunRepository;
}

namespace oc::pipeline {

// The lease a process holds on one run (DESIGN §2.3, engine v2): the fence every write of the run carries,
// renewed every third of its length. It is lost when a renewal or a fenced write finds another owner or epoch;
// then lost() fires once and the holder must stop at once — send nothing more, write nothing more.
//
// Before every vendor call the holder asks mayAct(): true while the last confirmation is younger than the lease
// minus a margin by CLOCK_BOOTTIME (which keeps counting through SIGSTOP and a suspended laptop); otherwise it
// renews synchronously first, so a process that was paused past its lease never sends on a stale lease.
class RunLease : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunLease)

public:
    RunLease(RunRepository &runs, LeaseFence fence, std::chrono::milliseconds length, QObject *parent = nullptr);

    // ORGCONSOLE_LEASE_SECONDS when set (ops, tests), else `configured` (the setting), else 60 s.
    static std::chrono::milliseconds defaultLength(int configuredSeconds = 0);

    const LeaseFence &fence() const { return m_fence; }
    std::chrono::milliseconds length() const { return m_length; }
    bool isLost() const { return m_lost; }
    QString lostReason() const { return m_reason; }

    void startRenewing();
    void stopRenewing() { m_timer.stop(); }
    bool mayAct();
    // A fenced write (or a refused renewal) proved the lease gone: marks it lost and tells the holder.
    void markLost(const QString &why);

    // The message a fenced process reports: "run … was taken over by … — stopped".
    QString stoppedMessage() const;

Q_SIGNALS:
    void lost(const QString &why);

private:
    bool renew();

    RunRepository &m_runs;
    LeaseFence m_fence;
    std::chrono::milliseconds m_length;
    QTimer m_timer;
    qint64 m_confirmedAtMs = 0; // CLOCK_BOOTTIME
    bool m_lost = false;
    QString m_reason;
};

// Milliseconds of CLOCK_BOOTTIME: monotonic, and counting while the machine sleeps.
qint64 bootClockMs();

} // namespace oc::pipeline
