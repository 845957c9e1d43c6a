#include "mailmessage.h"

#include <QList>

namespace oc {

namespace {

bool isControl(QChar c)
{
    const char16_t u = c.unicode();
    // C0 controls, DEL, C1 controls and the Unicode line/paragraph separators: each can end a header
    // line somewhere along the way (libcurl, an MTA or a client).
    return u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029;
}

QString controlProblem(const QString &value, const QString &what)
{
    for (const QChar c : value) {
        if (isControl(c)) {
            return QStringLiteral("the %1 contains a line break or control character (U+%2); it is refused "
                                  "because it could inject SMTP commands or mail headers")
                .arg(what)
                .arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
        }
    }
    return {};
}

bool isAtext(QChar c)
{
    if (c.unicode() > 0x7e)
        return false;
    return c.isLetterOrNumber() || QStringLiteral("!#$%&'*+-/=?^_`{|}~").contains(c);
}

bool isDomainLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    for (const QChar c : label) {
        if (c.unicode() > 0x7e || !(c.isLetterOrNumber() || c == u'-'))
            return false;
    }
    return true;
}

} // namespace

QString mailAddressProblem(const QString &address, const QString &what)
{
    if (address.isEmpty())
        return QStringLiteral("the %1 is empty").arg(what);
    if (const QString problem = controlProblem(address, what); !problem.isEmpty())
        return problem;
    const QString quoted = QLatin1Char('"') + address + QLatin1Char('"');
    if (address.size() > 254)
        return QStringLiteral("the %1 is longer than 254 characters").arg(what);
    for (const QChar c : address) {
        if (c.unicode() > 0x7e)
            return QStringLiteral("the %1 %2 contains non-ASCII characters, which this mailer does not send")
                .arg(what, quoted);
    }
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == address.size() - 1)
        return QStringLiteral("the %1 %2 is not an e-mail address (expected name@example.com)").arg(what, quoted);

    // Only the dot-atom form: quoted local parts and address literals are legal but never needed here,
    // and refusing them keeps '<', '>', spaces and quotes out of the SMTP envelope.
    const QStringView local = QStringView(address).left(at);
    const QStringView domain = QStringView(address).mid(at + 1);
    bool localOk = local.size() <= 64 && !local.startsWith(u'.') && !local.endsWith(u'.') && !local.contains(u"..");
    for (const QChar c : local)
        localOk = localOk && (isAtext(c) || c == u'.');
    bool domainOk = domain.contains(u'.');
    for (const QStringView label : domain.split(u'.'))
        domainOk = domainOk && isDomainLabel(label);
    if (!localOk || !domainOk)
        return QStringLiteral("the %1 %2 is not an e-mail address (expected name@example.com)").arg(what, quoted);
    return {};
}

Result<void> MailMessage::validate() const
{
    const auto invalid = [](const QString &problem) { return Error::invalid(problem); };

    if (QString p = mailAddressProblem(fromAddress, QStringLiteral("sender address")); !p.isEmpty())
        return invalid(p);
    if (QString p = mailAddressProblem(toAddress, QStringLiteral("recipient address")); !p.isEmpty())
        return invalid(p);
    if (QString p = controlProblem(fromName, QStringLiteral("sender name")); !p.isEmpty())
        return invalid(p);
    if (QString p = controlProblem(toName, QStringLiteral("recipient name")); !p.isEmpty())
        return invalid(p);
    if (QString p = controlProblem(subject, QStringLiteral("subject")); !p.isEmpty())
        return invalid(p);
    if (fromName.size() > MaxNameLength || toName.size() > MaxNameLength)
        return invalid(QStringLiteral("a sender or recipient name is longer than %1 characters").arg(MaxNameLength));
    if (subject.trimmed().isEmpty())
        return invalid(QStringLiteral("the subject is empty"));
    if (subject.size() > MaxSubjectLength)
        return invalid(QStringLiteral("the subject is longer than %1 characters").arg(MaxSubjectLength));
    if (textBody.isEmpty() && htmlBody.isEmpty())
        return invalid(QStringLiteral("the message has no body"));
    return {};
}

} // namespace oc
