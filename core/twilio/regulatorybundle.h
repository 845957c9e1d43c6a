#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc {

// One entry of numbers v2 RegulatoryCompliance/Bundles: the account's documents for one regulation, reviewed
// by Twilio. Only a twilio-approved bundle may be sent as BundleSid with a purchase.
struct RegulatoryBundle {
    QString sid;           // BU…
    QString friendlyName;
    QString status;        // draft, pending-review, in-review, twilio-rejected, twilio-approved, provisionally-approved
    QString regulationSid; // RN…
    QDateTime dateCreated; // invalid when absent
    QDateTime dateUpdated; // for an approved bundle: when it was approved, as near as the API tells
    QDateTime validUntil;

    bool isApproved() const { return status == QLatin1String("twilio-approved"); }

    static RegulatoryBundle fromJson(const QJsonObject &json);
};

} // namespace oc
