#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace oc {

// An e-mail the sandbox's SMTP sink received, ready to show: what the Outbox view lists and renders.
// The view takes these values and never sees the sandbox itself.
struct OutboxMessage {
    QDateTime at;          // when the sink received it
    QString from;          // the From header as people read it ("OrgConsole <notifications@…>"); else the envelope sender
    QString to;            // the To header as people read it; else the envelope recipients
    QString subject;       // decoded (RFC 2047)
    QString text;          // the text/plain part, decoded; LF line ends
    QString html;          // the text/html part, decoded; empty when the message had none
    QByteArray headerBlock; // the header lines as received
    QByteArray raw;        // the whole message as received

    // Parses `raw` (RFC 5322 + MIME) into the fields above; the envelope fills From/To when headers lack them.
    static OutboxMessage fromRaw(const QByteArray &raw, const QDateTime &receivedAt, const QString &envelopeFrom = {},
                                 const QStringList &envelopeTo = {});
};

} // namespace oc
