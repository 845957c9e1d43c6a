#pragma once

#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/smtpmessage.h"
#include "util/result.h"

#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace oc::http {
class AsyncServer;
}

namespace oc::sandbox {

class RequestDispatcher;
class SmtpSink;

// The whole emulated outside world on loopback: Twilio and VAPI on one HTTP port (their paths do not overlap),
// the control paths /__sandbox/ledger and /__sandbox/faults on the same port, and an SMTP sink on another.
class Sandbox : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sandbox)

public:
    explicit Sandbox(SandboxConfig config = {}, QObject *parent = nullptr);
    ~Sandbox() override;

    Result<void> start();

    QUrl twilioBaseUrl() const { return m_httpBase; }
    QUrl vapiBaseUrl() const { return m_httpBase; }
    // Twilio Numbers v2 (Regulatory Compliance) on the same port: its /v2/ paths overlap neither.
    QUrl twilioNumbersBaseUrl() const { return m_httpBase; }
    // Twilio Pricing v1 on the same port: its /v1/ paths overlap neither.
    QUrl twilioPricingBaseUrl() const { return m_httpBase; }
    QUrl ledgerUrl() const;
    // The environment orgctl (or the console's wiring) needs to talk to this sandbox: endpoints, its fake
    // credentials, its CA — DESIGN §5's variable names, in a stable order.
    QList<QPair<QString, QString>> clientEnvironment() const;
    QUrl smtpUrl() const;            // smtp://127.0.0.1:PORT (STARTTLS required)
    QString caFile() const { return m_caFile; }
    QByteArray caPem() const { return m_caPem; }
    const SandboxCredentials &credentials() const { return m_config.credentials; }

    QJsonObject ledger() const;
    SandboxState &state() { return m_state; }
    void pinAssistant(const QString &id, bool pinned = true) { m_state.setPinned(id, pinned); }
    Result<void> addFaults(const QString &spec);
    void clearFaults();
    int inFlight() const;
    const QList<SmtpMessage> &messages() const;

Q_SIGNALS:
    void requestServed(const QString &endpoint, int status);
    void stateChanged();
    void messageReceived(int index);

private:
    SandboxConfig m_config;
    SandboxState m_state;
    std::unique_ptr<RequestDispatcher> m_dispatcher;
    std::unique_ptr<http::AsyncServer> m_http;
    std::unique_ptr<SmtpSink> m_smtp;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QUrl m_httpBase;
    QString m_caFile;
    QByteArray m_caPem;
};

} // namespace oc::sandbox
