#include "searchoracle.h"

namespace oc::test {

namespace {

QString foldAscii(QString s)
{
    for (QChar &c : s) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() | 0x20);
    }
    return s;
}

} // namespace

QList<qint64> bruteForceSearch(const QList<Organization> &rows, const QString &term, std::optional<OrgStatus> status)
{
    const QString needle = foldAscii(term.trimmed());
    QList<qint64> ids;
    for (const Organization &o : rows) {
        if (status && o.status != *status)
            continue;
        if (needle.isEmpty() || foldAscii(o.companyName).contains(needle) || foldAscii(o.ownerName).contains(needle)
            || foldAscii(o.ownerEmail).contains(needle))
            ids << o.id;
    }
    return ids;
}

} // namespace oc::test
