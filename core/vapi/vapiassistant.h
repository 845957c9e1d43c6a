#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc {

// An assistant as VAPI returns it (only what the console uses).
struct VapiAssistant {
    QString id;
    QString name;
    QDateTime createdAt;
    QString orgId; // the VAPI org that owns it
    QJsonObject metadata;
    QJsonObject raw; // the whole object as VAPI returned it (a rollout changes only what the template owns)

    QString runId() const { return metadata.value(QLatin1String("orgConsoleRunId")).toString(); }
    QString role() const { return metadata.value(QLatin1String("role")).toString(); }

    static VapiAssistant fromJson(const QJsonObject &json);
};

} // namespace oc
