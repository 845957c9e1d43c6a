#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace oc::mime {

// Reading e-mails back (the sandbox Outbox, tests): just enough MIME for what mailers send — nested
// multipart, quoted-printable and base64 bodies, charsets Qt knows, RFC 2047 encoded words in headers.
// Never throws and never fails: what cannot be decoded is shown as it came.

// One header field, unfolded (continuation lines joined), name as written, value still encoded.
using HeaderField = std::pair<QByteArray, QByteArray>;

struct ParsedMail {
    QList<HeaderField> headers; // top-level fields in order
    QByteArray headerBlock;     // the top-level header lines exactly as received, line ends included
    QString text;               // the first text/plain body that is not an attachment, decoded
    QString html;               // the first text/html body that is not an attachment, decoded

    // The first field called `name` (case-insensitive), RFC 2047 words decoded; empty when absent.
    QString header(const QByteArray &name) const;
};

ParsedMail parse(const QByteArray &raw);

// "=48=C3=A9llo=\r\n" -> "Héllo" bytes: =XX escapes and soft line breaks removed; a malformed escape is kept.
QByteArray decodeQuotedPrintable(const QByteArray &encoded);
// A header value with RFC 2047 encoded words (=?charset?B|Q?...?=) decoded and folding removed.
// Whitespace between two adjacent encoded words is dropped, as the RFC says.
QString decodeHeaderValue(const QByteArray &value);
// An address header as people read it: encoded words decoded, display-name quotes and escapes removed
// ("\"Acme Voice\" <a@b.example>" -> "Acme Voice <a@b.example>"). For showing only, never for sending.
QString readableAddresses(const QByteArray &value);
// `bytes` in `charset` (UTF-8 when empty or unknown to Qt; US-ASCII read as Latin-1, its superset).
QString decodeCharset(const QByteArray &bytes, const QByteArray &charset);

} // namespace oc::mime
