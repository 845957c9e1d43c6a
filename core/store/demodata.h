#pragma once

#include "domain/organization.h"
#include "store/organizationrepository.h"

#include <QList>

#include <functional>

namespace oc {

// Realistic demo organizations: everyday small businesses, plus the names that break naive tools —
// accents, CJK, Cyrillic, Greek, emoji, HTML, and names at the length limit.
class DemoData
{
public:
    explicit DemoData(quint64 seed = 20261124);

    NewOrganization next();
    QList<NewOrganization> batch(int count);

    // Inserts `count` organizations in transactions of `chunk`, reporting progress after each.
    static Result<qint64> seed(OrganizationRepository &repo, Database &db, qint64 count,
                               const std::function<void(qint64 done)> &progress = {}, int chunk = 20000);

private:
    quint64 random();
    template<class List>
    const auto &pick(const List &list) { return list[random() % list.size()]; }

    quint64 m_state;
    qint64 m_serial = 0;
};

} // namespace oc
