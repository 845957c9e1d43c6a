#include "vapi/assistantname.h"

#include <QTextBoundaryFinder>

namespace oc {

QString assistantRoleName(AssistantRole role)
{
    return role == AssistantRole::Inbound ? QStringLiteral("inbound") : QStringLiteral("outbound");
}

QString truncateAtGrapheme(const QString &text, int maxCodePoints)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype cut = 0;
    int codePoints = 0;
    qsizetype previous = 0;
    for (qsizetype next = finder.toNextBoundary(); next != -1; next = finder.toNextBoundary()) {
        int clusterPoints = 0;
        for (qsizetype i = previous; i < next; ++i)
            clusterPoints += text.at(i).isLowSurrogate() ? 0 : 1;
        if (codePoints + clusterPoints > maxCodePoints)
            break;
        codePoints += clusterPoints;
        cut = next;
        previous = next;
    }
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
