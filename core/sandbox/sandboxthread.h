#pragma once

#include "sandbox/sandboxconfig.h"
#include "sandbox/smtpmessage.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>

class QThread;

namespace oc::sandbox {

class Sandbox;

// The in-process sandbox on a thread of its own (orgconsole --sandbox): its TLS handshakes, request parsing
// and latency timers never take a frame from the window that drives it. What the owner's thread reads is a
// copy: the environment once started, the messages as they arrive (messageReceived), the rest by asking.
class SandboxThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxThread)

public:
    explicit SandboxThread(SandboxConfig config = {}, QObject *parent = nullptr);
    ~SandboxThread() override;

    // Starts the servers on the sandbox's thread; returns when they listen (or could not).
    Result<void> start();
    const QList<QPair<QString, QString>> &clientEnvironment() const { return m_environment; }
    // The messages the SMTP sink received so far, in order (a copy, updated before messageReceived).
    const QList<SmtpMessage> &messages() const { return m_messages; }
    Result<void> addFaults(const QString &spec);
    void clearFaults();
    QJsonObject ledger() const;

Q_SIGNALS:
    void messageReceived(int index);

private:
    QThread *m_thread;
    Sandbox *m_sandbox;
    QList<QPair<QString, QString>> m_environment;
    QList<SmtpMessage> m_messages;
};

} // namespace oc::sandbox
