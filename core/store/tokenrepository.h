#pragma once

#include "store/database.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace oc {

// Who may do what through the service (`orgctl serve`): viewer reads, operator also approves and retries,
// admin also cleans up. Ordered: a higher role may do all a lower one may.
enum class ApiRole { Viewer = 0, Operator = 1, Admin = 2 };
QString roleName(ApiRole role);
std::optional<ApiRole> roleFromString(const QString &text);

struct ApiToken {
    QString name;
    ApiRole role = ApiRole::Viewer;
    QDateTime createdAt;
    QString createdBy;
    QDateTime revokedAt; // invalid: in force
};

// The service's bearer tokens. A token is shown once, when it is made; the table keeps only its SHA-256, so
// neither the database nor a backup of it can be used to call the service. Revoking is at once: every
// request looks its token up.
class TokenRepository
{
public:
    explicit TokenRepository(Database &db) : m_db(db) {}

    // A new token for `name` (unique, also among revoked ones): returns the token itself, never stored.
    Result<QString> create(const QString &name, ApiRole role, const QString &createdBy);
    // The token in force whose hash this is; NotFound when unknown or revoked.
    Result<ApiToken> authenticate(const QString &token);
    Result<QList<ApiToken>> list();
    // NotFound when no token in force has that name.
    Result<void> revoke(const QString &name);

    static QString hash(const QString &token);

private:
    Database &m_db;
};

} // namespace oc
