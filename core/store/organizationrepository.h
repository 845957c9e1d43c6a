#pragma once

#include "domain/organization.h"
#include "store/database.h"
#include "util/result.h"

#include <QList>
#include <QVariant>

#include <optional>

namespace oc {

struct OrgQuery {
    enum class Sort { CreatedAt, CompanyName, OwnerEmail, Status };

    std::optional<OrgStatus> status;
    QString search;            // case-insensitive substring of company, owner name or e-mail
    Sort sort = Sort::CreatedAt;
    Qt::SortOrder order = Qt::DescendingOrder;
    int limit = 100;
    qint64 offset = 0;
    // Keyset paging: rows strictly after this one in the sort order (faster than offset deep into a table).
    struct Key { QVariant sortValue; qint64 id = 0; };
    std::optional<Key> after;
    // How many rows match, when the caller has counted them (count()). Lets SQLite pick the plan a million
    // rows need: few matches are read in one pass over the table (or, for a term of three characters or more,
    // from the trigram index) and sorted, many by walking the sort order's index until a page is full. Leave
    // empty when unknown (with the index, list() then counts first: a few milliseconds).
    std::optional<qint64> knownMatches;

    // The key of `org` in this query's sort order, to pass as `after` for the next page.
    Key keyOf(const Organization &org) const;
};

class OrganizationRepository
{
public:
    explicit OrganizationRepository(Database &db) : m_db(db) {}

    // Validates, then inserts; returns the new id.
    Result<qint64> add(const NewOrganization &org);
    // Bulk insert for seeding and imports: validates every row first, writes in one transaction.
    Result<qint64> addMany(const QList<NewOrganization> &orgs);
    Result<Organization> find(qint64 id);
    Result<QList<Organization>> list(const OrgQuery &query);
    Result<qint64> count(const OrgQuery &query);
    // Sets the status (verified also sets is_verified). With `expected`, only when the current status is that
    // one: Conflict otherwise, so two consoles cannot both take the same transition.
    Result<void> setStatus(qint64 id, OrgStatus status, std::optional<OrgStatus> expected = std::nullopt);

private:
    static QString insertSql(qsizetype rows);
    static Result<void> insertRows(QSqlQuery &query, const QList<NewOrganization> &orgs, qsizetype from, qsizetype to, qint64 now);
    // PostgreSQL without pg_trgm searches by scanning: said once per repository, on the first search.
    void warnIfNoSearchIndex();

    Database &m_db;
    bool m_searchIndexChecked = false;
};

} // namespace oc
