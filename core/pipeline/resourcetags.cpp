#include "resourcetags.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace oc::pipeline::ResourceTags {

namespace {
const QString kMetadataRunId = QStringLiteral("orgConsoleRunId");
const QString kMetadataRole = QStringLiteral("role");
}

QString newRunId()
{
    return QStringLiteral("%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

QString truncateOnCharacterBoundary(const QString &text, qsizetype maxUnits)
{
    if (text.size() <= maxUnits)
        return text;
    qsizetype cut = std::max<qsizetype>(0, maxUnits);
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut).trimmed();
}

QString friendlyName(const QString &orgName, const QString &runId)
{
    const QString tag = QStringLiteral(" [oc:%1]").arg(runId);
    // Names are data: control characters never reach a vendor.
    QString org = orgName.simplified();
    org = truncateOnCharacterBoundary(org, kMaxFriendlyName - tag.size());
    return (org + tag).trimmed();
}

std::optional<QString> runIdFromFriendlyName(const QString &friendlyName)
{
    static const QRegularExpression tag(QStringLiteral("\\[oc:([0-9a-f]{16})\\]$"));
    const auto match = tag.match(friendlyName);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

QJsonObject assistantMetadata(const QString &runId, const QString &role)
{
    return QJsonObject{{kMetadataRunId, runId}, {kMetadataRole, role}};
}

std::optional<QString> runIdFromMetadata(const QJsonObject &metadata)
{
    const QString id = metadata.value(kMetadataRunId).toString();
    if (id.isEmpty())
        return std::nullopt;
    return id;
}

} // namespace oc::pipeline::ResourceTags
