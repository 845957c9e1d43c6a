#pragma once

#include "net/typedcall.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

#include <memory>
#include <optional>

namespace oc {

class OrphanSweep;
class RunSession;
namespace pipeline {
class PipelineRunner;
}

// cleanup (DESIGN §2.4): the cleanup recipe (cleanupsteps.h) — deletes the VAPI phone-number (it references
// the inbound assistant), both assistants, releases the number, each verified gone by a lookup under the same
// account, and deletes the configuration only when every external resource is really gone, so a failed
// release never loses the record of a paid number (it stays, inactive). It carries on past a failure and
// reports what is left. Journaled and fenced as a run of kind "cleanup", so it cannot race an approve of the
// same organization. Refuses, deleting nothing, under another Twilio account or VAPI organization.
class CleanupOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CleanupOperation)

public:
    CleanupOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent = nullptr);
    ~CleanupOperation() override;

    // Its steps (name, title) in order, as a cleanup run shows them before they start.
    static QList<std::pair<QString, QString>> steps(ProvisioningServices &services);

    // Answers the seed's {success, message, data: {cleanup: {results: {phoneNumberReleased, …}}}}; reports each
    // step's progress as step events.
    void start() override;
    // Instead of start(): finishes the interrupted cleanup `session` holds (recover): the recipe runs again
    // under the same run and lease — a delete already done is a 404 verified by the lookup — and ends like a
    // cleanup. Its configuration already deleted: the cleanup had finished, and the run ends succeeded.
    void resume(std::unique_ptr<RunSession> session);

private:
    void begin();
    void sweepRuns(const QStringList &runIds);
    void checkVapiOrganization();
    void startRunner();
    void onRunFinished();
    void finish(bool ok, QJsonObject result, const QString &error, Error::Kind kind = Error::Kind::Other);
    void finishFenced();

    ProvisioningServices &m_services;
    std::unique_ptr<RunSession> m_session;
    qint64 m_organizationId;
    QString m_actor;
    QString m_runId;
    std::optional<AiConfig> m_config;
    std::unique_ptr<ProvisioningContext> m_context;
    std::unique_ptr<pipeline::PipelineRunner> m_runner;
    std::unique_ptr<OrphanSweep> m_sweep;
    QStringList m_notDeleted; // external ids still out there
    bool m_resumed = false;
    VendorCalls m_calls; // last: destroyed first, before what its callbacks use
};

} // namespace oc
