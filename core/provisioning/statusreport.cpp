#include "statusreport.h"

#include "domain/jsonformat.h"

#include <QJsonArray>

namespace oc {

QJsonObject runJson(const ProvisioningRun &run, const QList<RunStep> &steps)
{
    QJsonArray stepArray;
    for (const RunStep &s : steps) {
        QJsonObject o{{QStringLiteral("step"), s.step},
                      {QStringLiteral("status"), statusName(s.status)},
                      {QStringLiteral("attempt"), s.attempt}};
        if (!s.externalId.isEmpty())
            o.insert(QStringLiteral("externalId"), s.externalId);
        if (!s.lookupTag.isEmpty())
            o.insert(QStringLiteral("lookupTag"), s.lookupTag);
        if (!s.detail.isEmpty())
            o.insert(QStringLiteral("detail"), s.detail);
        if (!s.error.isEmpty())
            o.insert(QStringLiteral("error"), s.error);
        if (s.startedAt.isValid())
            o.insert(QStringLiteral("startedAt"), isoTime(s.startedAt));
        if (s.finishedAt.isValid())
            o.insert(QStringLiteral("finishedAt"), isoTime(s.finishedAt));
        stepArray.append(o);
    }
    QJsonObject o{{QStringLiteral("id"), run.id},
                  {QStringLiteral("kind"), run.kind},
                  {QStringLiteral("status"), statusName(run.status)},
                  {QStringLiteral("countryCode"), run.countryCode},
                  {QStringLiteral("areaCode"), run.areaCode},
                  {QStringLiteral("actor"), run.actor},
                  {QStringLiteral("startedAt"), isoTime(run.startedAt)},
                  {QStringLiteral("steps"), stepArray}};
    if (run.finishedAt.isValid())
        o.insert(QStringLiteral("finishedAt"), isoTime(run.finishedAt));
    if (run.setupTimeMs)
        o.insert(QStringLiteral("setupTime"), QStringLiteral("%1ms").arg(*run.setupTimeMs));
    if (!run.failedStep.isEmpty())
        o.insert(QStringLiteral("failedStep"), run.failedStep);
    if (!run.error.isEmpty())
        o.insert(QStringLiteral("error"), run.error);
    return o;
}

Result<QJsonObject> statusReport(Store &store, qint64 organizationId)
{
    auto org = store.organizations().find(organizationId);
    if (!org)
        return org.error();
    QJsonObject report{{QStringLiteral("organization"), QJsonObject{{QStringLiteral("id"), QString::number(org->id)},
                                                                    {QStringLiteral("companyName"), org->companyName},
                                                                    {QStringLiteral("status"), statusName(org->status)},
                                                                    {QStringLiteral("isVerified"), org->isVerified}}}};
    auto config = store.aiConfigs().findByOrganization(organizationId);
    if (!config && config.error().kind != Error::Kind::NotFound)
        return config.error();
    QJsonObject ai{{QStringLiteral("hasSetup"), config.ok()}};
    if (config) {
        ai.insert(QStringLiteral("setupCompleted"), config->setupCompleted);
        ai.insert(QStringLiteral("status"), statusName(config->status));
        ai.insert(QStringLiteral("phoneNumber"), config->number);
        ai.insert(QStringLiteral("assistants"), QJsonObject{{QStringLiteral("inbound"), config->inboundAssistantId},
                                                            {QStringLiteral("outbound"), config->outboundAssistantId}});
        ai.insert(QStringLiteral("setupDate"), isoTime(config->setupDate));
        // The assistant template version its assistants have (orgctl assistants); null: made before versions.
        ai.insert(QStringLiteral("assistantVersion"), config->assistantVersion > 0 ? QJsonValue(config->assistantVersion) : QJsonValue());
    } else {
        ai.insert(QStringLiteral("setupCompleted"), false);
    }
    auto runs = store.runs().forOrganization(organizationId);
    if (!runs)
        return runs.error();
    if (!runs->isEmpty()) {
        auto steps = store.runs().steps(runs->constLast().id);
        if (!steps)
            return steps.error();
        ai.insert(QStringLiteral("lastRun"), runJson(runs->constLast(), steps.value()));
    }
    report.insert(QStringLiteral("aiSetup"), ai);
    return report;
}

Result<QJsonObject> runsReport(Store &store, qint64 organizationId)
{
    auto org = store.organizations().find(organizationId);
    if (!org)
        return org.error();
    auto runs = store.runs().forOrganization(organizationId);
    if (!runs)
        return runs.error();
    QJsonArray array;
    for (const ProvisioningRun &run : runs.value()) {
        auto steps = store.runs().steps(run.id);
        if (!steps)
            return steps.error();
        array.append(runJson(run, steps.value()));
    }
    return QJsonObject{{QStringLiteral("organizationId"), QString::number(organizationId)}, {QStringLiteral("runs"), array}};
}

} // namespace oc
