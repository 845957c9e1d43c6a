#pragma once

#include "store/database.h"
#include "util/result.h"
#include "vapi/assistanttemplate.h"

#include <QDateTime>
#include <QList>

namespace oc {

// One saved version of the assistants' template.
struct AssistantTemplateVersion {
    qint64 version = 0;
    AssistantTemplate body;
    QString note;
    QString createdBy;
    QDateTime createdAt;
    QDateTime currentSince; // when it last became the version new setups use; invalid: never
};

// The assistants' template as numbered versions (issue 13): saving makes version N+1; the version new setups use
// is the one made current last. A database with no version yet gets version 1 from the template the process was
// configured with (the template file, or the built-in one) the first time one is needed.
class AssistantTemplateRepository
{
public:
    explicit AssistantTemplateRepository(Database &db) : m_db(db) {}

    // Newest first.
    Result<QList<AssistantTemplateVersion>> list();
    Result<AssistantTemplateVersion> find(qint64 version);
    // The version new setups use; version 1 from `initial` (by `actor`) when there is none yet.
    Result<AssistantTemplateVersion> current(const AssistantTemplate &initial, const QString &actor);
    // Saves `body` as the next version (not current until it is made so). Two saving at once: each gets its own number.
    Result<qint64> save(const AssistantTemplate &body, const QString &note, const QString &actor);
    // New setups use `version` from now on.
    Result<void> makeCurrent(qint64 version);

private:
    Result<std::optional<AssistantTemplateVersion>> latestCurrent();

    Database &m_db;
};

} // namespace oc
