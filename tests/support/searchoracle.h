#pragma once

#include "domain/organization.h"

#include <QList>

#include <optional>

namespace oc::test {

// What a search must return, computed the slow and obvious way in C++ over every row (not SQL, not the store's
// own folding): the trimmed term, ASCII letters folded on both sides, as a substring of the company name, the
// owner's name or the e-mail; with the status when given. Ids in the order of `rows`.
QList<qint64> bruteForceSearch(const QList<Organization> &rows, const QString &term,
                               std::optional<OrgStatus> status = std::nullopt);

} // namespace oc::test
