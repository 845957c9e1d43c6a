#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc {

// A call as VAPI's GET /call lists it (only what the costs report uses).
struct VapiCall {
    QString id;
    QString assistantId;
    QDateTime createdAt;
    double cost = 0; // USD; a call VAPI has not priced (yet) has no `cost`: 0

    static VapiCall fromJson(const QJsonObject &json);
};

} // namespace oc
