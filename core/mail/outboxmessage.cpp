#include "outboxmessage.h"

#include "mimeparser.h"

namespace oc {

OutboxMessage OutboxMessage::fromRaw(const QByteArray &raw, const QDateTime &receivedAt, const QString &envelopeFrom,
                                     const QStringList &envelopeTo)
{
    const mime::ParsedMail mail = mime::parse(raw);
    OutboxMessage m;
    m.at = receivedAt;
    const auto field = [&mail](const QByteArray &name) {
        for (const mime::HeaderField &f : mail.headers) {
            if (f.first.compare(name, Qt::CaseInsensitive) == 0)
                return mime::readableAddresses(f.second);
        }
        return QString();
    };
    m.from = field("From");
    if (m.from.isEmpty())
        m.from = envelopeFrom;
    m.to = field("To");
    if (m.to.isEmpty())
        m.to = envelopeTo.join(QStringLiteral(", "));
    m.subject = mail.header("Subject");
    m.text = mail.text;
    m.html = mail.html;
    m.headerBlock = mail.headerBlock;
    m.raw = raw;
    return m;
}

} // namespace oc
