#include "secrets/memorysecretstore.h"

#include <QMetaObject>

namespace oc {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : QObject(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::read(const QString &key, Callback done)
{
    if (m_failure)
        return answer(std::move(done), *m_failure);
    const auto it = m_values.constFind(key);
    if (it == m_values.cend())
        return answer(std::move(done), SecretResult::failure(SecretResult::Status::NotFound,
                                                             QStringLiteral("no secret stored for %1").arg(key)));
    answer(std::move(done), SecretResult::success(*it));
}

void MemorySecretStore::write(const QString &key, const QString &value, Callback done)
{
    if (m_failure)
        return answer(std::move(done), *m_failure);
    m_values.insert(key, value);
    answer(std::move(done), SecretResult::success());
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    if (m_failure)
        return answer(std::move(done), *m_failure);
    // Idempotent, as the keychain store: removing what is not there is not an error.
    m_values.remove(key);
    answer(std::move(done), SecretResult::success());
}

QString MemorySecretStore::name() const
{
    return tr("memory (tests only)", "where secrets are kept");
}

bool MemorySecretStore::contains(const QString &key) const
{
    return m_values.contains(key);
}

void MemorySecretStore::failWith(SecretResult::Status status, const QString &message)
{
    m_failure = SecretResult::failure(status, message);
}

void MemorySecretStore::stopFailing()
{
    m_failure.reset();
}

void MemorySecretStore::answer(Callback done, SecretResult result)
{
    // The state changes now, the answer comes later: callers see sequential semantics, never re-entrancy.
    // A queued call with this as context is dropped if the store dies first (destroying cancels).
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] {
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

} // namespace oc
