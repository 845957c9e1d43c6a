#include "mailheaders.h"

#include "mailmessage.h"

#include <QLocale>
#include <QRandomGenerator>

namespace oc::mailheaders {

namespace {

bool needsEncoding(const QString &text)
{
    // "=?" could be read as the start of an encoded word by a client, so such text is encoded too.
    if (text.contains(QLatin1String("=?")))
        return true;
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return true;
    }
    return false;
}

// Splits `text` into UTF-8 chunks whose base64 fits one 75-character encoded word, never cutting a
// code point (a client would show a replacement character at every cut).
QList<QByteArray> utf8Chunks(const QString &text)
{
    constexpr qsizetype maxBytes = 39; // base64(39) = 52 chars + 12 for "=?UTF-8?B?" "?=" + "Subject: " < 78
    QList<QByteArray> chunks;
    QByteArray current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        qsizetype len = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray bytes = text.mid(i, len).toUtf8();
        i += len - 1;
        if (current.size() + bytes.size() > maxBytes) {
            chunks.append(current);
            current.clear();
        }
        current += bytes;
    }
    if (!current.isEmpty())
        chunks.append(current);
    return chunks;
}

QByteArray quotedName(const QString &name)
{
    QByteArray out = "\"";
    for (const char c : name.toLatin1()) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

} // namespace

QByteArray encodeText(const QString &text)
{
    if (!needsEncoding(text))
        return text.toUtf8();
    QList<QByteArray> words;
    for (const QByteArray &chunk : utf8Chunks(text))
        words.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
    return words.join("\r\n ");
}

QByteArray mailbox(const QString &name, const QString &address)
{
    const QByteArray angle = '<' + address.toUtf8() + '>';
    if (name.trimmed().isEmpty())
        return angle;
    const QByteArray display = needsEncoding(name) ? encodeText(name) : quotedName(name);
    return display + ' ' + angle;
}

QByteArray date(const QDateTime &when)
{
    const QLocale c = QLocale::c();
    const int offset = when.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    const QString zone = QStringLiteral("%1%2%3")
                             .arg(QLatin1Char(offset < 0 ? '-' : '+'))
                             .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                             .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return (c.toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss ")) + zone).toLatin1();
}

QByteArray newMessageId(const QString &senderAddress)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray random = QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    const QString domain = senderAddress.section(QLatin1Char('@'), -1);
    return '<' + random + '@' + domain.toLatin1() + '>';
}

QList<QByteArray> build(const MailMessage &message, const QDateTime &now)
{
    return {
        "Date: " + date(now),
        "Message-ID: " + newMessageId(message.fromAddress),
        "From: " + mailbox(message.fromName, message.fromAddress),
        "To: " + mailbox(message.toName, message.toAddress),
        "Subject: " + encodeText(message.subject),
    };
}

} // namespace oc::mailheaders
