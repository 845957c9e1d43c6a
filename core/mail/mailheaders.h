#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace oc {

struct MailMessage;

// The RFC 5322 header lines OrgConsole writes itself (libcurl only adds MIME-Version and the MIME
// structure). Inputs must have passed MailMessage::validate(): these functions do not check for CR/LF.
namespace mailheaders {

// `text` unchanged when it is printable ASCII, otherwise RFC 2047 "=?UTF-8?B?...?=" words of at most 75
// characters, split on code point boundaries and folded with CRLF SP so no line passes 78 characters.
QByteArray encodeText(const QString &text);
// `"Name" <address>` (name quoted or encoded as needed), or `<address>` without a name.
QByteArray mailbox(const QString &name, const QString &address);
// "Tue, 01 Jul 2025 10:00:00 +0000", in the time zone `when` carries.
QByteArray date(const QDateTime &when);
// "<32 random hex digits@domain-of-sender>".
QByteArray newMessageId(const QString &senderAddress);
// Date, Message-ID, From, To, Subject, each one "Name: value" line ready for CURLOPT_HTTPHEADER.
QList<QByteArray> build(const MailMessage &message, const QDateTime &now);

} // namespace mailheaders
} // namespace oc
