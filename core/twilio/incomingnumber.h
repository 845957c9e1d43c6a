#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oc {

// A number the account owns (IncomingPhoneNumbers).
struct IncomingNumber {
    QString sid;          // PN…
    QString phoneNumber;  // E.164
    QString friendlyName;
    QDateTime dateCreated; // invalid when absent

    static IncomingNumber fromJson(const QJsonObject &json);
};

} // namespace oc
