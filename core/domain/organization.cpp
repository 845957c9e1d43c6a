#include "organization.h"

#include <QRegularExpression>

namespace oc {

QString statusName(OrgStatus status)
{
    switch (status) {
    case OrgStatus::Pending: return QStringLiteral("pending");
    case OrgStatus::Verified: return QStringLiteral("verified");
    case OrgStatus::Rejected: return QStringLiteral("rejected");
    case OrgStatus::Suspended: return QStringLiteral("suspended");
    }
    return {};
}

std::optional<OrgStatus> orgStatusFromString(const QString &text)
{
    for (auto s : {OrgStatus::Pending, OrgStatus::Verified, OrgStatus::Rejected, OrgStatus::Suspended}) {
        if (text.compare(statusName(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

namespace {

// CR/LF/NUL and other C0 controls end up in e-mail headers and log lines: refuse them at the door.
bool hasControlCharacters(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0x2028) || c == QChar(0x2029))
            return true;
    }
    return false;
}

// Length in characters as people count them: a surrogate pair (an emoji) is one.
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

// For quoting bad input back in an error message without letting it break the line.
QString quoted(const QString &text)
{
    QString out = text.left(80);
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QChar(0xfffd);
    }
    return out;
}

} // namespace

bool isPlausibleEmail(const QString &email)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$)"));
    return email.size() <= kMaxEmailLength && !email.contains(QLatin1String("..")) && pattern.match(email).hasMatch();
}

QString NewOrganization::validationError() const
{
    const QString name = companyName.trimmed();
    if (name.isEmpty())
        return QStringLiteral("company name is empty: give the organization's name");
    if (hasControlCharacters(companyName))
        return QStringLiteral("company name contains a line break or control character: remove it");
    if (characterCount(name) > kMaxCompanyNameLength)
        return QStringLiteral("company name is %1 characters long: at most %2 are allowed")
            .arg(characterCount(name)).arg(kMaxCompanyNameLength);
    if (hasControlCharacters(ownerName))
        return QStringLiteral("owner name contains a line break or control character: remove it");
    if (characterCount(ownerName.trimmed()) > kMaxOwnerNameLength)
        return QStringLiteral("owner name is longer than %1 characters").arg(kMaxOwnerNameLength);
    if (ownerEmail.trimmed().isEmpty())
        return QStringLiteral("owner e-mail is empty: give the address approval e-mails go to");
    if (hasControlCharacters(ownerEmail) || !isPlausibleEmail(ownerEmail.trimmed()))
        return QStringLiteral("owner e-mail \"%1\" is not a valid address (expected name@example.com)")
            .arg(quoted(ownerEmail));
    if (hasControlCharacters(ownerId))
        return QStringLiteral("owner id contains a control character");
    return {};
}

} // namespace oc
