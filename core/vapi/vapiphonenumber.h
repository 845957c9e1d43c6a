#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc {

// A VAPI phone-number as returned (provider twilio). twilioAuthToken is echoed by VAPI but never kept.
struct VapiPhoneNumber {
    QString id;
    QString number;
    QString name;
    QString assistantId;
    QString twilioAccountSid;
    QDateTime createdAt;

    static VapiPhoneNumber fromJson(const QJsonObject &json);
};

} // namespace oc
