#pragma once

#include "net/typedcall.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace oc {

// check-config (DESIGN §2.4): verifies the database, the Twilio and VAPI credentials and endpoints with
// read-only calls, and that the SMTP settings are usable. Buys, creates and sends nothing.
class CheckConfig : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckConfig)

public:
    CheckConfig(ProvisioningServices &services, QString smtpProblem, QObject *parent = nullptr);
    ~CheckConfig() override;

    void start();
    bool ok() const { return m_ok; }
    // {"success", "checks": {"database": {ok, detail}, "twilio": …, "vapi": …, "smtp": …}}
    QJsonObject result() const { return m_result; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void checkTwilio();
    void checkVapi();
    void record(const QString &name, bool ok, const QString &detail);
    void finish();

    ProvisioningServices &m_services;
    QString m_smtpProblem;
    std::unique_ptr<ApiCall> m_call;
    QJsonObject m_checks;
    bool m_ok = true;
    QJsonObject m_result;
    QString m_error;
};

} // namespace oc
