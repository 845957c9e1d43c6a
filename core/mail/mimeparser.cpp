#include "mimeparser.h"

#include <QRegularExpression>
#include <QStringDecoder>

namespace oc::mime {

namespace {

struct Entity {
    QList<HeaderField> headers;
    QByteArray headerBlock;
    QByteArray body;
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QByteArray withoutCr(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

// Splits an entity at its first empty line; an entity that starts with one has no headers.
Entity splitEntity(const QByteArray &raw)
{
    Entity e;
    qsizetype bodyStart = raw.size();
    qsizetype headerEnd = raw.size();
    qsizetype pos = 0;
    while (pos < raw.size()) {
        const qsizetype eol = raw.indexOf('\n', pos);
        const qsizetype lineEnd = eol < 0 ? raw.size() : eol;
        if (withoutCr(raw.mid(pos, lineEnd - pos)).isEmpty()) {
            headerEnd = pos;
            bodyStart = eol < 0 ? raw.size() : eol + 1;
            break;
        }
        pos = eol < 0 ? raw.size() : eol + 1;
    }
    e.headerBlock = raw.left(headerEnd);
    e.body = raw.mid(bodyStart);

    for (const QByteArray &rawLine : e.headerBlock.split('\n')) {
        const QByteArray line = withoutCr(rawLine);
        if (line.isEmpty())
            continue;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !e.headers.isEmpty()) {
            e.headers.last().second += line; // unfolding keeps the whitespace, drops the line break
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header field: ignore rather than guess
        e.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return e;
}

QByteArray fieldValue(const QList<HeaderField> &headers, const QByteArray &name)
{
    for (const HeaderField &field : headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0)
            return field.second;
    }
    return {};
}

// "text/html; charset=\"utf-8\"" -> type "text/html" and lower-case parameter names with unquoted values.
struct ContentType {
    QByteArray type;
    QList<std::pair<QByteArray, QByteArray>> parameters;

    QByteArray parameter(const QByteArray &name) const
    {
        for (const auto &p : parameters) {
            if (p.first == name)
                return p.second;
        }
        return {};
    }
};

ContentType parseContentType(const QByteArray &value)
{
    ContentType ct;
    QList<QByteArray> pieces;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (quoted && c == '\\' && i + 1 < value.size()) {
            current += value.at(++i);
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        else if (c == ';' && !quoted) {
            pieces.append(current);
            current.clear();
        } else
            current += c;
    }
    pieces.append(current);
    ct.type = pieces.takeFirst().trimmed().toLower();
    for (const QByteArray &piece : std::as_const(pieces)) {
        const qsizetype eq = piece.indexOf('=');
        if (eq > 0)
            ct.parameters.append({piece.left(eq).trimmed().toLower(), piece.mid(eq + 1).trimmed()});
    }
    return ct;
}

// The bodies between "--boundary" lines; the line break before a delimiter belongs to the delimiter.
QList<QByteArray> splitMultipart(const QByteArray &body, const QByteArray &boundary)
{
    const QByteArray delimiter = "--" + boundary;
    QList<QByteArray> parts;
    qsizetype partStart = -1;
    qsizetype pos = 0;
    while (pos < body.size()) {
        const qsizetype eol = body.indexOf('\n', pos);
        const qsizetype lineEnd = eol < 0 ? body.size() : eol;
        const QByteArray line = withoutCr(body.mid(pos, lineEnd - pos));
        if (line.startsWith(delimiter)) {
            const QByteArray rest = line.mid(delimiter.size()).trimmed();
            if (rest.isEmpty() || rest == "--") {
                if (partStart >= 0) {
                    qsizetype end = pos;
                    if (end > partStart && body.at(end - 1) == '\n')
                        --end;
                    if (end > partStart && body.at(end - 1) == '\r')
                        --end;
                    parts.append(body.mid(partStart, end - partStart));
                }
                partStart = -1;
                if (rest == "--")
                    return parts;
                partStart = eol < 0 ? body.size() : eol + 1;
            }
        }
        pos = eol < 0 ? body.size() : eol + 1;
    }
    if (partStart >= 0) // no closing delimiter: the last part runs to the end
        parts.append(body.mid(partStart));
    return parts;
}

QString normalizedLines(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}

void collect(const Entity &entity, ParsedMail &out, int depth)
{
    if (depth > 16)
        return; // a hostile nesting depth is not worth following
    const QByteArray typeValue = fieldValue(entity.headers, "Content-Type");
    const ContentType ct = parseContentType(typeValue.isEmpty() ? QByteArray("text/plain; charset=us-ascii") : typeValue);
    if (ct.type.startsWith("multipart/")) {
        const QByteArray boundary = ct.parameter("boundary");
        if (boundary.isEmpty())
            return;
        for (const QByteArray &part : splitMultipart(entity.body, boundary))
            collect(splitEntity(part), out, depth + 1);
        return;
    }
    if (ct.type != "text/plain" && ct.type != "text/html")
        return;
    if (fieldValue(entity.headers, "Content-Disposition").trimmed().toLower().startsWith("attachment"))
        return;
    QString &target = ct.type == "text/html" ? out.html : out.text;
    if (!target.isEmpty())
        return;

    const QByteArray encoding = fieldValue(entity.headers, "Content-Transfer-Encoding").trimmed().toLower();
    QByteArray bytes = entity.body;
    if (encoding == "quoted-printable")
        bytes = decodeQuotedPrintable(bytes);
    else if (encoding == "base64")
        bytes = QByteArray::fromBase64(bytes); // line breaks and other non-alphabet bytes are skipped
    target = normalizedLines(decodeCharset(bytes, ct.parameter("charset")));
}

} // namespace

QString ParsedMail::header(const QByteArray &name) const
{
    return decodeHeaderValue(fieldValue(headers, name));
}

ParsedMail parse(const QByteArray &raw)
{
    const Entity top = splitEntity(raw);
    ParsedMail mail;
    mail.headers = top.headers;
    mail.headerBlock = top.headerBlock;
    collect(top, mail, 0);
    return mail;
}

QByteArray decodeQuotedPrintable(const QByteArray &encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c != '=') {
            out += c;
            continue;
        }
        if (i + 1 < encoded.size() && encoded.at(i + 1) == '\n') { // soft line break, bare LF
            i += 1;
            continue;
        }
        if (i + 2 < encoded.size() && encoded.at(i + 1) == '\r' && encoded.at(i + 2) == '\n') { // soft line break
            i += 2;
            continue;
        }
        if (i + 2 < encoded.size()) {
            const int hi = hexValue(encoded.at(i + 1));
            const int lo = hexValue(encoded.at(i + 2));
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += c; // malformed: keep it as it came
    }
    return out;
}

QString decodeCharset(const QByteArray &bytes, const QByteArray &charset)
{
    QByteArray name = charset.trimmed().toLower();
    if (name.isEmpty() || name == "utf8")
        name = "utf-8";
    if (name == "us-ascii" || name == "ascii")
        name = "iso-8859-1";
    QStringDecoder decoder(name.constData());
    if (!decoder.isValid())
        return QString::fromUtf8(bytes);
    return decoder.decode(bytes);
}

QString decodeHeaderValue(const QByteArray &value)
{
    QByteArray unfolded = value;
    unfolded.replace("\r\n", "");
    unfolded.replace('\n', "");

    static const QRegularExpression word(QStringLiteral("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?="));
    // Latin-1 keeps every byte as one QChar, so match offsets are byte offsets.
    const QString latin = QString::fromLatin1(unfolded);
    QString out;
    QByteArray pendingBytes; // adjacent words in one charset are joined before decoding: a mailer may split a character
    QByteArray pendingCharset;
    const auto flush = [&] {
        if (!pendingBytes.isEmpty())
            out += decodeCharset(pendingBytes, pendingCharset);
        pendingBytes.clear();
        pendingCharset.clear();
    };

    qsizetype last = 0;
    bool previousWasWord = false;
    auto it = word.globalMatch(latin);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QByteArray gap = unfolded.mid(last, m.capturedStart() - last);
        if (!(previousWasWord && gap.trimmed().isEmpty())) {
            flush();
            out += QString::fromUtf8(gap);
        }
        QByteArray charset = m.captured(1).toLatin1();
        if (const qsizetype star = charset.indexOf('*'); star >= 0)
            charset.truncate(star); // RFC 2231 language suffix
        const QByteArray payload = m.captured(3).toLatin1();
        QByteArray bytes;
        if (m.captured(2).compare(QLatin1String("B"), Qt::CaseInsensitive) == 0) {
            bytes = QByteArray::fromBase64(payload);
        } else {
            QByteArray q = payload;
            q.replace('_', ' ');
            bytes = decodeQuotedPrintable(q);
        }
        if (charset.compare(pendingCharset, Qt::CaseInsensitive) != 0)
            flush();
        pendingCharset = charset;
        pendingBytes += bytes;
        last = m.capturedEnd();
        previousWasWord = true;
    }
    flush();
    out += QString::fromUtf8(unfolded.mid(last));
    return out;
}

QString readableAddresses(const QByteArray &value)
{
    const QString decoded = decodeHeaderValue(value);
    QString out;
    out.reserve(decoded.size());
    bool quoted = false;
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        const QChar c = decoded.at(i);
        if (quoted && c == u'\\' && i + 1 < decoded.size())
            out += decoded.at(++i);
        else if (c == u'"')
            quoted = !quoted;
        else
            out += c;
    }
    return out;
}

} // namespace oc::mime
