#include "organizationrepository.h"

#include "store/searchterm.h"
#include "store/sqlvalues.h"
#include "util/logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace oc {

namespace {

const QString kColumns = QStringLiteral(
    "id, company_name, status, is_verified, owner_id, owner_name, owner_email, created_at, updated_at");

QString sortExpression(OrgQuery::Sort sort)
{
    switch (sort) {
    case OrgQuery::Sort::CreatedAt: return QStringLiteral("created_at");
    case OrgQuery::Sort::CompanyName: return QStringLiteral("lower(company_name)");
    case OrgQuery::Sort::OwnerEmail: return QStringLiteral("lower(owner_email)");
    case OrgQuery::Sort::Status: return QStringLiteral("status");
    }
    return QStringLiteral("created_at");
}

// How SQLite should find a page (PostgreSQL's planner weighs its statistics itself and is always left to it).
enum class Plan {
    Planner,       // no hint
    Scan,          // read the table once, sort what matched
    WalkSortIndex, // walk the sort order's index, test each row, stop when the page is full
    SearchIndex,   // the trigram index's rows, looked up and sorted
};

// Below this many matches, without the search index, a SQLite search reads the table once and sorts what
// matched; above it, walking the sort index fills a page sooner. At a million rows: a full pass ~0.3 s, a page of
// 256 found by walking the index ~256 × rows/matches random reads (~4,000 matches is where the two meet).
constexpr qint64 kFewMatches = 4096;
// With the trigram index the other side of the scale is cheaper: the matches are looked up by id and sorted,
// ~1 µs each, against ~1.7 µs per row walked (256 × rows/matches rows). At a million rows the two meet near
// 20,000 matches (~20 ms either way); below this, the index.
constexpr qint64 kFewIndexedMatches = 16384;

Plan planFor(const SearchTerm &term, Database::Engine engine, std::optional<qint64> matches)
{
    if (engine != Database::Engine::Sqlite)
        return Plan::Planner;
    if (term.indexable())
        return matches && *matches >= kFewIndexedMatches ? Plan::WalkSortIndex : Plan::SearchIndex;
    if (!matches)
        return Plan::Planner;
    if (!term.isEmpty() && *matches < kFewMatches)
        return Plan::Scan;
    return *matches >= kFewMatches ? Plan::WalkSortIndex : Plan::Planner;
}

// The WHERE of the filters by LIKE and the status column (every plan but SearchIndex).
void appendFilter(const OrgQuery &q, const SearchTerm &term, Database::Engine engine, Plan plan, QString &where,
                  QVariantList &values)
{
    const bool sqlite = engine == Database::Engine::Sqlite;
    if (q.status) {
        // Many rows of one status: walk the sort index and skip the others (`+` keeps SQLite off the status
        // index, which would sort hundreds of thousands of rows for every page).
        const bool offStatusIndex = plan == Plan::WalkSortIndex && q.sort != OrgQuery::Sort::Status;
        where += offStatusIndex ? QStringLiteral(" AND +status = ?") : QStringLiteral(" AND status = ?");
        values << statusName(*q.status);
    }
    if (!term.isEmpty()) {
        // SQLite's LIKE already ignores ASCII case, as lower() only folds ASCII there: the same matches,
        // without three string copies per row (a search over a million rows takes a quarter of the time).
        // PostgreSQL's LIKE is case-sensitive; it keeps lower() under COLLATE "C" — the expressions its trigram
        // indexes (schema 7) are built on, so the planner can answer these with them.
        where += sqlite ? QStringLiteral(" AND (company_name LIKE ? ESCAPE '\\' OR owner_email LIKE ? ESCAPE '\\'"
                                         " OR owner_name LIKE ? ESCAPE '\\')")
                        : QStringLiteral(" AND (lower(company_name) LIKE ? ESCAPE '\\' OR lower(owner_email) LIKE ? ESCAPE '\\'"
                                         " OR lower(owner_name) LIKE ? ESCAPE '\\')");
        const QString pattern = term.likePattern();
        values << pattern << pattern << pattern;
    }
}

const QString kSearchIndexRows = QStringLiteral(
    "SELECT rowid FROM organizations_search WHERE organizations_search MATCH ?");

Organization readOrganization(const QSqlQuery &q)
{
    Organization org;
    org.id = q.value(0).toLongLong();
    org.companyName = q.value(1).toString();
    org.status = orgStatusFromString(q.value(2).toString()).value_or(OrgStatus::Pending);
    org.isVerified = q.value(3).toBool();
    org.ownerId = q.value(4).toString();
    org.ownerName = q.value(5).toString();
    org.ownerEmail = q.value(6).toString();
    org.createdAt = sql::toTime(q.value(7));
    org.updatedAt = sql::toTime(q.value(8));
    return org;
}

} // namespace

OrgQuery::Key OrgQuery::keyOf(const Organization &org) const
{
    switch (sort) {
    case Sort::CreatedAt: return {org.createdAt.toMSecsSinceEpoch(), org.id};
    case Sort::CompanyName: return {asciiLower(org.companyName), org.id};
    case Sort::OwnerEmail: return {asciiLower(org.ownerEmail), org.id};
    case Sort::Status: return {statusName(org.status), org.id};
    }
    return {QVariant(), org.id};
}

Result<qint64> OrganizationRepository::add(const NewOrganization &org)
{
    if (const QString problem = org.validationError(); !problem.isEmpty())
        return Error::invalid(problem);
    const qint64 now = sql::nowMs();
    auto q = m_db.exec(QStringLiteral("INSERT INTO organizations (company_name, status, is_verified, owner_id, owner_name, "
                                      "owner_email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                       {org.companyName.trimmed(), statusName(org.status), org.status == OrgStatus::Verified,
                        sql::fromText(org.ownerId), sql::fromText(org.ownerName.trimmed()), org.ownerEmail.trimmed(),
                        org.createdAt.isValid() ? org.createdAt.toMSecsSinceEpoch() : now, now});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::storage(QStringLiteral("the new organization's id was not returned"));
    return q.value().value(0).toLongLong();
}

Result<qint64> OrganizationRepository::addMany(const QList<NewOrganization> &orgs)
{
    for (qsizetype i = 0; i < orgs.size(); ++i) {
        if (const QString problem = orgs[i].validationError(); !problem.isEmpty())
            return Error::invalid(QStringLiteral("row %1: %2").arg(i + 1).arg(problem));
    }
    const qint64 now = sql::nowMs();
    // Statements are prepared once and executed per chunk. Qt binds placeholders in time quadratic in
    // their number, so chunks stay small: one row on SQLite (no round trip to save), 50 on PostgreSQL.
    const qsizetype chunk = m_db.engine() == Database::Engine::Sqlite ? 1 : 50;
    auto work = [&]() -> Result<void> {
        QSqlQuery full(m_db.connection());
        QSqlQuery single(m_db.connection());
        if (!full.prepare(insertSql(chunk)) || !single.prepare(insertSql(1)))
            return Database::errorFrom(full.lastError().isValid() ? full.lastError() : single.lastError(),
                                       QStringLiteral("preparing the organizations insert"));
        qsizetype from = 0;
        for (; from + chunk <= orgs.size(); from += chunk) {
            if (auto r = insertRows(full, orgs, from, from + chunk, now); !r)
                return r;
        }
        for (; from < orgs.size(); ++from) {
            if (auto r = insertRows(single, orgs, from, from + 1, now); !r)
                return r;
        }
        return {};
    };
    auto r = m_db.inTransaction() ? work() : m_db.transaction(work);
    if (!r)
        return r.error();
    return qint64(orgs.size());
}

QString OrganizationRepository::insertSql(qsizetype rows)
{
    QString sql = QStringLiteral("INSERT INTO organizations (company_name, status, is_verified, owner_id, owner_name, "
                                 "owner_email, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)");
    for (qsizetype i = 1; i < rows; ++i)
        sql += QStringLiteral(",(?,?,?,?,?,?,?,?)");
    return sql;
}

Result<void> OrganizationRepository::insertRows(QSqlQuery &query, const QList<NewOrganization> &orgs, qsizetype from,
                                                qsizetype to, qint64 now)
{
    int position = 0;
    for (qsizetype i = from; i < to; ++i) {
        const NewOrganization &o = orgs[i];
        query.bindValue(position++, o.companyName.trimmed());
        query.bindValue(position++, statusName(o.status));
        query.bindValue(position++, o.status == OrgStatus::Verified);
        query.bindValue(position++, sql::fromText(o.ownerId));
        query.bindValue(position++, sql::fromText(o.ownerName.trimmed()));
        query.bindValue(position++, o.ownerEmail.trimmed());
        query.bindValue(position++, o.createdAt.isValid() ? o.createdAt.toMSecsSinceEpoch() : now);
        query.bindValue(position++, now);
    }
    if (!query.exec())
        return Database::errorFrom(query.lastError(), QStringLiteral("adding organizations"));
    return {};
}

Result<Organization> OrganizationRepository::find(qint64 id)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM organizations WHERE id = ?").arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("no organization with id %1").arg(id));
    return readOrganization(q.value());
}

Result<QList<Organization>> OrganizationRepository::list(const OrgQuery &query)
{
    const SearchTerm term(query.search);
    if (m_db.engine() != Database::Engine::Sqlite && term.indexable())
        warnIfNoSearchIndex();
    std::optional<qint64> matches = query.knownMatches;
    if (!matches && term.indexable() && m_db.engine() == Database::Engine::Sqlite) {
        // The plan depends on whether the term is rare: the index counts its matches up to that bound, which
        // stops early for a common term (the exact count of 300,000 matches is the model's later business).
        auto q = m_db.execForward(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM (%1) LIMIT %2)").arg(kSearchIndexRows).arg(kFewIndexedMatches),
                                  {term.ftsQuery(query.status)});
        if (!q)
            return q.error();
        q.value().next();
        matches = q.value().value(0).toLongLong();
    }
    const Plan plan = planFor(term, m_db.engine(), matches);
    QString where = QStringLiteral("WHERE 1=1");
    QVariantList values;
    if (plan == Plan::SearchIndex) {
        // Status and term both answered by the index (see SearchTerm::ftsQuery).
        where += QStringLiteral(" AND id IN (%1)").arg(kSearchIndexRows);
        values << term.ftsQuery(query.status);
    } else {
        appendFilter(query, term, m_db.engine(), plan, where, values);
    }
    const QString key = sortExpression(query.sort);
    const bool ascending = query.order == Qt::AscendingOrder;
    if (query.after) {
        where += QStringLiteral(" AND (%1, id) %2 (?, ?)").arg(key, ascending ? QStringLiteral(">") : QStringLiteral("<"));
        values << query.after->sortValue << query.after->id;
    }
    const QString direction = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    // Scan: a rare term without the index, one pass over the table beats walking the sort index past a million
    // non-matches. SearchIndex: NOT INDEXED still looks the index's ids up by rowid, and keeps SQLite from walking
    // the sort index instead (testing each row against the index's list).
    const bool notIndexed = plan == Plan::Scan || plan == Plan::SearchIndex;
    QString sql = QStringLiteral("SELECT %1 FROM organizations%2 %3 ORDER BY %4 %5, id %5 LIMIT ?")
                      .arg(kColumns, notIndexed ? QStringLiteral(" NOT INDEXED") : QString(), where, key, direction);
    values << qMax(0, query.limit);
    if (query.offset > 0 && !query.after) {
        sql += QStringLiteral(" OFFSET ?");
        values << query.offset;
    }
    auto q = m_db.execForward(sql, values);
    if (!q)
        return q.error();
    QList<Organization> rows;
    rows.reserve(query.limit);
    while (q.value().next())
        rows.append(readOrganization(q.value()));
    return rows;
}

Result<qint64> OrganizationRepository::count(const OrgQuery &query)
{
    const SearchTerm term(query.search);
    const bool sqlite = m_db.engine() == Database::Engine::Sqlite;
    QString sql;
    QVariantList values;
    if (sqlite && term.indexable()) {
        // Exact from the index alone: it holds the folded text, matched case-sensitively (schema 7).
        sql = QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(kSearchIndexRows);
        values << term.ftsQuery(query.status);
    } else {
        if (!sqlite && term.indexable())
            warnIfNoSearchIndex();
        QString where = QStringLiteral("WHERE 1=1");
        appendFilter(query, term, m_db.engine(), Plan::Planner, where, values);
        // Unfiltered, SQLite counts along the index it guesses is narrowest, and guesses the e-mail index (60 MB
        // at a million rows, the whole page cache). The created-at index holds two integers per row: a third of that.
        const bool everything = !query.status && term.isEmpty();
        sql = (sqlite && everything ? QStringLiteral("SELECT COUNT(*) FROM organizations INDEXED BY organizations_created ")
                                    : QStringLiteral("SELECT COUNT(*) FROM organizations "))
              + where;
    }
    auto q = m_db.execForward(sql, values);
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

void OrganizationRepository::warnIfNoSearchIndex()
{
    if (m_searchIndexChecked)
        return;
    m_searchIndexChecked = true;
    auto q = m_db.execForward(QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() "
                                             "AND tablename = 'organizations' AND indexname IN ('organizations_search_company', "
                                             "'organizations_search_owner', 'organizations_search_email')"));
    if (!q || !q.value().next() || q.value().value(0).toInt() == 3)
        return;
    qCWarning(lcStore).noquote() << "search scans the organizations table: its trigram indexes are missing (the pg_trgm"
                                    " extension could not be created when the schema was migrated). A database owner can"
                                    " add them: CREATE EXTENSION pg_trgm, then the three CREATE INDEX organizations_search_…"
                                    " of schema 7 (README, Search)";
}

Result<void> OrganizationRepository::setStatus(qint64 id, OrgStatus status, std::optional<OrgStatus> expected)
{
    QString sql = QStringLiteral("UPDATE organizations SET status = ?, is_verified = ?, updated_at = ? WHERE id = ?");
    QVariantList values{statusName(status), status == OrgStatus::Verified, sql::nowMs(), id};
    if (expected) {
        sql += QStringLiteral(" AND status = ?");
        values << statusName(*expected);
    }
    auto q = m_db.exec(sql, values);
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() == 1)
        return {};
    auto current = find(id);
    if (!current)
        return current.error();
    return Error::conflict(QStringLiteral("organization %1 is %2, not %3")
                               .arg(id).arg(statusName(current->status), statusName(*expected)));
}

} // namespace oc
