#pragma once

#include "secrets/secretstore.h"

#include <QObject>

#include <chrono>

namespace QKeychain {
class Job;
}

namespace oc {

// Secrets in the OS keychain (Secret Service / KWallet / macOS Keychain / Windows) through QtKeychain.
// Never falls back to a plaintext file: if the keychain cannot be reached the call fails as Unavailable.
class KeychainSecretStore : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    // Begins every Unavailable message, so the UI can tell the user what to do.
    static constexpr auto UnavailableMessage = "keychain unavailable — unlock your keyring";

    explicit KeychainSecretStore(QString service = QStringLiteral("OrgConsole"),
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10),
                                 QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &value, Callback done) override;
    // Removing a missing entry succeeds: remove is idempotent.
    void remove(const QString &key, Callback done) override;
    QString name() const override;

    QString service() const;
    std::chrono::milliseconds timeout() const;

private:
    enum class Operation { Read, Write, Remove };

    void run(QKeychain::Job *job, Operation operation, Callback done);
    // Answers (asynchronously where it must ask D-Bus) whether the Secret Service holds a locked entry.
    void findLockedEntry(const QString &key, std::function<void(bool)> answer);
    static SecretResult resultOf(const QKeychain::Job &job, Operation operation);

    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace oc
