#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace oc::sandbox {

// A message as the sink received it: the envelope and the raw RFC 5322 text (dot-unstuffed, CRLF line ends).
struct SmtpMessage {
    QString mailFrom;
    QStringList rcptTo;
    QByteArray data;
    QString authenticatedUser;
    QDateTime receivedAt;
};

} // namespace oc::sandbox
