#pragma once

#include <QString>

namespace oc::pipeline {

// Who drives a run (DESIGN §2.3): "<host>/<pid>/<process start time>/<boot id>/<pid namespace>". On the same
// host, boot and PID namespace a lease whose process is gone — or whose pid now belongs to another process — is
// free at once; anywhere else (another machine, a container or Flatpak sharing the hostname) it waits for the
// lease to expire.
struct LeaseOwner {
    QString host;
    qint64 pid = 0;
    qint64 startTime = 0; // clock ticks since boot (/proc/<pid>/stat field 22)
    QString bootId;       // /proc/sys/kernel/random/boot_id
    QString pidNamespace; // the inode of /proc/self/ns/pid

    static LeaseOwner current();
    static LeaseOwner parse(const QString &text);
    QString toString() const;
    bool isValid() const { return !host.isEmpty() && pid > 0; }
    // Where a run is driven, for people: "host pid N" (the text as it is when it is no owner).
    static QString describe(const QString &owner);

    // True only when it is certain: same host, boot and PID namespace, and the process no longer exists
    // (kill(pid, 0) says ESRCH) or was replaced (another start time). A process we may not inspect (hidepid,
    // another user) counts as alive.
    bool isGoneFromThisHost() const;
};

// The start time of a local process, 0 when it does not exist.
qint64 processStartTime(qint64 pid);

} // namespace oc::pipeline
