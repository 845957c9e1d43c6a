#pragma once

#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace oc {

class MailJob;

// Resend e-mail: the approval e-mail again, for an organization whose setup is complete (the first one
// failed, or the owner lost it). Rendered from the saved configuration; writes an audit record.
class ResendEmailOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResendEmailOperation)

public:
    ResendEmailOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent = nullptr);
    ~ResendEmailOperation() override;

    void start();
    bool ok() const { return m_ok; }
    QJsonObject result() const { return m_result; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void finish(bool ok, const QString &message);

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    QString m_actor;
    QString m_to;
    std::unique_ptr<MailJob> m_job;
    bool m_finished = false;
    bool m_ok = false;
    QJsonObject m_result;
    QString m_error;
};

} // namespace oc
