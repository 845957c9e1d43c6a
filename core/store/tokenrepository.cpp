#include "tokenrepository.h"

#include "store/sqlvalues.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace oc {

namespace {
constexpr std::pair<ApiRole, const char *> kRoles[] = {{ApiRole::Viewer, "viewer"}, {ApiRole::Operator, "operator"}, {ApiRole::Admin, "admin"}};
}

QString roleName(ApiRole role)
{
    for (const auto &[r, name] : kRoles) {
        if (r == role)
            return QLatin1String(name);
    }
    return {};
}

std::optional<ApiRole> roleFromString(const QString &text)
{
    for (const auto &[r, name] : kRoles) {
        if (text == QLatin1String(name))
            return r;
    }
    return std::nullopt;
}

QString TokenRepository::hash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<QString> TokenRepository::create(const QString &name, ApiRole role, const QString &createdBy)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!valid.match(name).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a token name: use up to 64 letters, digits, dots, dashes or underscores")
                                  .arg(name.left(64)));
    // 32 bytes from the system's CSPRNG, base64url: 43 characters after the prefix that says what it is.
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()), reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    const QString token = QStringLiteral("oct_") + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    auto q = m_db.exec(QStringLiteral("INSERT INTO api_tokens (name, role, token_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?)"),
                       {name, roleName(role), hash(token), sql::nowMs(), sql::fromText(createdBy)});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("a token named \"%1\" exists already: revoke it or choose another name").arg(name));
        return q.error();
    }
    return token;
}

namespace {
ApiToken tokenFrom(const QSqlQuery &q)
{
    ApiToken t;
    t.name = q.value(0).toString();
    t.role = roleFromString(q.value(1).toString()).value_or(ApiRole::Viewer);
    t.createdAt = sql::toTime(q.value(2));
    t.createdBy = q.value(3).toString();
    t.revokedAt = sql::toTime(q.value(4));
    return t;
}
} // namespace

Result<ApiToken> TokenRepository::authenticate(const QString &token)
{
    auto q = m_db.exec(QStringLiteral("SELECT name, role, created_at, created_by, revoked_at FROM api_tokens "
                                      "WHERE token_sha256 = ? AND revoked_at IS NULL"),
                       {hash(token)});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("unknown or revoked token"));
    return tokenFrom(q.value());
}

Result<QList<ApiToken>> TokenRepository::list()
{
    auto q = m_db.exec(QStringLiteral("SELECT name, role, created_at, created_by, revoked_at FROM api_tokens ORDER BY name"));
    if (!q)
        return q.error();
    QList<ApiToken> out;
    while (q.value().next())
        out.append(tokenFrom(q.value()));
    return out;
}

Result<void> TokenRepository::revoke(const QString &name)
{
    auto q = m_db.exec(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"), {sql::nowMs(), name});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("no token in force is named \"%1\"").arg(name));
    return {};
}

} // namespace oc
