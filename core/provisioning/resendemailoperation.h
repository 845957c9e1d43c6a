#pragma once

#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <memory>

namespace oc {

class MailJob;

// Resend e-mail: the approval e-mail again, for an organization whose setup is complete (the first one
// failed, or the owner lost it). Rendered from the saved configuration; writes an audit record.
class ResendEmailOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResendEmailOperation)

public:
    ResendEmailOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent = nullptr);
    ~ResendEmailOperation() override;

    // Its one step, reported as step events: running once the e-mail goes out, then how it ended.
    static const QString kStep;

    void start() override;

private:
    void reportStep(pipeline::StepState state, const QString &detail, const QString &error = {});
    void finish(bool ok, const QString &message);

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    QString m_actor;
    QString m_to;
    std::unique_ptr<MailJob> m_job;
};

} // namespace oc
