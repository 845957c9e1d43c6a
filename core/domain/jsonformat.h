#pragma once

#include "domain/organization.h"

#include <QJsonObject>

namespace oc {

// JSON shapes shared by orgctl and the console's "copy as JSON": camelCase like the seed service.
QJsonObject toJson(const Organization &org);
QString isoTime(const QDateTime &t); // 2024-01-15T10:30:00.000Z, or empty

} // namespace oc
