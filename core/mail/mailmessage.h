#pragma once

#include "util/result.h"

#include <QString>

namespace oc {

// One e-mail to one recipient, as a value. Bodies are UTF-8 text; the mailer sends them as a
// multipart/alternative message (text first, then HTML), both quoted-printable.
struct MailMessage {
    QString fromAddress;
    QString fromName;
    QString toAddress;
    QString toName;
    QString subject;
    QString textBody;
    QString htmlBody;

    // Refuses what would corrupt the envelope or the headers before anything reaches libcurl, which
    // passes CR/LF through verbatim (SMTP command and header injection): control characters in any
    // address, name or subject, malformed or non-ASCII addresses, an empty or over-long subject.
    Result<void> validate() const;

    static constexpr int MaxSubjectLength = 250;
    static constexpr int MaxNameLength = 200;
};

// Why `address` is not a plain addr-spec we can put in MAIL FROM/RCPT TO, or empty when it is.
// `what` names the field in the message ("sender address", "recipient address").
QString mailAddressProblem(const QString &address, const QString &what);

} // namespace oc
