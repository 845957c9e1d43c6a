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
    QJsonObject metadata;

    QString runId() const { return metadata.value(QLatin1String("orgConsoleRunId")).toString(); }
    QString role() const { return metadata.value(QLatin1String("role")).toString(); }

    static VapiAssistant fromJson(const QJsonObject &json);
};

} // namespace oc
