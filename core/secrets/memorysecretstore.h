#pragma once

#include "secrets/secretstore.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace oc {

// FOR UNIT TESTS ONLY: keeps secrets in process memory. Product code uses KeychainSecretStore (or
// EnvironmentSecretStore headless). Answers asynchronously, in call order, like the real stores.
class MemorySecretStore : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &value, Callback done) override;
    void remove(const QString &key, Callback done) override;
    QString name() const override;

    // Test hooks: inspect without going through the async API, and simulate a broken keychain.
    bool contains(const QString &key) const;
    void failWith(SecretResult::Status status, const QString &message);
    void stopFailing();

private:
    void answer(Callback done, SecretResult result);

    QHash<QString, QString> m_values;
    std::optional<SecretResult> m_failure;
};

} // namespace oc
