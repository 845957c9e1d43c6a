#pragma once

#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <QList>

namespace oc {

class RolloutOperation;

// Saves `body` as the next assistant template version (not rolled out yet), audited; version 1 is made from
// `initial` (the configured template) first, so a saved one is never taken for the original. Needs the
// update-assistants permission.
Result<qint64> saveAssistantTemplateVersion(Store &store, const AssistantTemplate &body, const QString &note,
                                            const AssistantTemplate &initial, const QString &actor);

// Rolls an assistant template version out (issue 13): every organization with a complete, active setup — or the
// ones named — gets a RolloutOperation, all started together and paced by the shared vendor-call limit, each its
// own journaled run (so a crash half-way is finished by orgctl recover: every run exists from the start). A failure
// on one organization does not stop the others; it is listed. Rolling out to every organization (none named, not a
// dry run) makes the version current first: new setups use it from then on. A rollback is a rollout of the version
// before the current one (previousVersion()): give version 0.
// Answers {"success", "version", "dryRun", "madeCurrent", "succeeded", "failed", "unchanged", "results": [RolloutOperation's
// answers, by organization id]}.
class AssistantRollout : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssistantRollout)

public:
    AssistantRollout(ProvisioningServices &services, qint64 version, QList<qint64> organizationIds, QString actor, bool dryRun = false,
                     QObject *parent = nullptr);
    ~AssistantRollout() override;

    // The version before the current one: what a rollback rolls out. An error when the current one is the first.
    static Result<qint64> previousVersion(ProvisioningServices &services, const QString &actor);

    void start() override;
    bool isCancelable() const override { return !m_dryRun; }
    void cancel() override;
    void handBack() override;

    qint64 version() const { return m_version; }
    // Known once started (the organizations it covers, in order).
    const QList<qint64> &organizations() const { return m_organizationIds; }

Q_SIGNALS:
    // The plan is made: `total` organizations.
    void planned(int total);
    // One organization's rollout ended (its answer, as in results).
    void organizationEnded(qint64 organizationId, const QJsonObject &answer);

private:
    void begin();
    void oneEnded(RolloutOperation *op);
    void finish(const QString &error = {}, Error::Kind kind = Error::Kind::Other);

    ProvisioningServices &m_services;
    qint64 m_version;
    QList<qint64> m_organizationIds;
    QString m_actor;
    bool m_dryRun;
    bool m_madeCurrent = false;
    bool m_cancelRequested = false;
    QList<RolloutOperation *> m_operations; // children
    int m_ended = 0;
};

} // namespace oc
