#include "vapi/assistantname.h"

#include <QTextBoundaryFinder>

namespace oc {

QString assistantRoleName(AssistantRole role)
{
    return role == AssistantRole::Inbound ? QStringLiteral("inbound") : QStringLiteral("outbound");
}

QString truncateAtGrapheme(const QString &text, int maxUnits)
{
    if (text.size() <= maxUnits)
        return text;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype cut = 0;
    for (qsizetype next = finder.toNextBoundary(); next != -1 && next <= maxUnits; next = finder.toNextBoundary())
        cut = next; // a boundary is a UTF-16 offset: QString's size is JavaScript's length
    return text.left(cut);
}

QString assistantName(const QString &orgName, AssistantRole role)
{
    const QString suffix = assistantRoleName(role);
    const int budget = MaxVapiNameLength - int(suffix.size()) - 1; // one space before the suffix
    QString org = truncateAtGrapheme(orgName.simplified(), budget);
    while (!org.isEmpty() && org.back().isSpace())
        org.chop(1);
    return org.isEmpty() ? suffix : org + QLatin1Char(' ') + suffix;
}

} // namespace oc
