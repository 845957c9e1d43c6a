#include "assistanttemplaterepository.h"

#include "store/sqlvalues.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace oc {

namespace {

const QString kColumns = QStringLiteral("version, body, note, created_by, created_at, current_since");

Result<AssistantTemplateVersion> readVersion(const QSqlQuery &q)
{
    AssistantTemplateVersion v;
    v.version = q.value(0).toLongLong();
    auto body = AssistantTemplate::fromJson(q.value(1).toString().toUtf8());
    if (!body)
        return Error::invalid(QStringLiteral("assistant template version %1 is damaged: %2").arg(v.version).arg(body.error().message));
    v.body = body.value();
    v.note = q.value(2).toString();
    v.createdBy = q.value(3).toString();
    v.createdAt = sql::toTime(q.value(4));
    v.currentSince = sql::toTime(q.value(5));
    return v;
}

QString bodyText(const AssistantTemplate &t)
{
    return QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

Result<QList<AssistantTemplateVersion>> AssistantTemplateRepository::list()
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM assistant_templates ORDER BY version DESC").arg(kColumns));
    if (!q)
        return q.error();
    QList<AssistantTemplateVersion> out;
    while (q.value().next()) {
        auto v = readVersion(q.value());
        if (!v)
            return v.error();
        out.append(v.value());
    }
    return out;
}

Result<AssistantTemplateVersion> AssistantTemplateRepository::find(qint64 version)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM assistant_templates WHERE version = ?").arg(kColumns), {version});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("there is no assistant template version %1 (orgctl assistants list shows them)").arg(version));
    return readVersion(q.value());
}

Result<std::optional<AssistantTemplateVersion>> AssistantTemplateRepository::latestCurrent()
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM assistant_templates WHERE current_since IS NOT NULL "
                                             "ORDER BY current_since DESC, version DESC LIMIT 1").arg(kColumns));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<AssistantTemplateVersion>();
    auto v = readVersion(q.value());
    if (!v)
        return v.error();
    return std::optional<AssistantTemplateVersion>(v.value());
}

Result<AssistantTemplateVersion> AssistantTemplateRepository::current(const AssistantTemplate &initial, const QString &actor)
{
    auto found = latestCurrent();
    if (!found)
        return found.error();
    if (found->has_value())
        return found->value();
    // None yet: version 1 is what this process was configured with. Two processes doing it at once: one insert
    // wins (the primary key), both read it.
    const qint64 now = sql::nowMs();
    auto inserted = m_db.exec(QStringLiteral("INSERT INTO assistant_templates (version, body, note, created_by, created_at, current_since) "
                                             "VALUES (1, ?, ?, ?, ?, ?)"),
                              {bodyText(initial), QStringLiteral("the template OrgConsole was configured with"), actor, now, now});
    if (!inserted && inserted.error().kind != Error::Kind::Conflict)
        return inserted.error();
    if (!inserted) { // version 1 exists but is not current (made by a save): it becomes current
        if (auto made = makeCurrent(1); !made)
            return made.error();
    }
    found = latestCurrent();
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("no assistant template version is current"));
    return found->value();
}

Result<qint64> AssistantTemplateRepository::save(const AssistantTemplate &body, const QString &note, const QString &actor)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto q = m_db.exec(QStringLiteral("INSERT INTO assistant_templates (version, body, note, created_by, created_at) "
                                          "SELECT COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? FROM assistant_templates RETURNING version"),
                           {bodyText(body), sql::fromText(note), actor, sql::nowMs()});
        if (!q) {
            if (q.error().kind == Error::Kind::Conflict)
                continue; // another process took that number: the next one
            return q.error();
        }
        q.value().next();
        return q.value().value(0).toLongLong();
    }
    return Error::conflict(QStringLiteral("could not number the new assistant template version: others are saving at the same time"));
}

Result<void> AssistantTemplateRepository::makeCurrent(qint64 version)
{
    // Strictly later than any current_since there is, so the last one made current wins even within a millisecond.
    auto q = m_db.exec(QStringLiteral("UPDATE assistant_templates SET current_since = "
                                      "(SELECT MAX(m) FROM (SELECT CAST(? AS BIGINT) AS m UNION ALL SELECT COALESCE(MAX(current_since), 0) + 1 FROM assistant_templates) t) "
                                      "WHERE version = ?"),
                       {sql::nowMs(), version});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("there is no assistant template version %1").arg(version));
    return {};
}

} // namespace oc
