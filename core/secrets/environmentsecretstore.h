#pragma once

#include "secrets/secretstore.h"

#include <QObject>
#include <QProcessEnvironment>

namespace oc {

// Headless use (orgctl, CI): secrets come from the seed's environment variables and are never written
// anywhere. The environment is injected so tests need not touch the process environment.
class EnvironmentSecretStore : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentSecretStore)

public:
    explicit EnvironmentSecretStore(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
                                    QObject *parent = nullptr);
    ~EnvironmentSecretStore() override;

    // Reads TWILIO_AUTH_TOKEN, VAPI_API_KEY or SMTP_PASSWORD; unset or empty is NotFound.
    void read(const QString &key, Callback done) override;
    // Always ReadOnly: the environment belongs to whoever started the process.
    void write(const QString &key, const QString &value, Callback done) override;
    void remove(const QString &key, Callback done) override;
    QString name() const override;

    // The variable holding a SecretKeys key, or an empty string for an unknown key.
    static QString variableFor(const QString &key);

private:
    void answer(Callback done, SecretResult result);

    QProcessEnvironment m_environment;
};

} // namespace oc
