#include "aiconfig.h"

namespace oc {

QString statusName(AiConfigStatus status)
{
    switch (status) {
    case AiConfigStatus::Active: return QStringLiteral("active");
    case AiConfigStatus::Inactive: return QStringLiteral("inactive");
    case AiConfigStatus::Suspended: return QStringLiteral("suspended");
    }
    return {};
}

std::optional<AiConfigStatus> aiConfigStatusFromString(const QString &text)
{
    for (auto s : {AiConfigStatus::Active, AiConfigStatus::Inactive, AiConfigStatus::Suspended}) {
        if (text == statusName(s))
            return s;
    }
    return std::nullopt;
}

} // namespace oc
