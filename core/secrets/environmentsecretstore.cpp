#include "secrets/environmentsecretstore.h"

#include <QMetaObject>

namespace oc {

namespace {

SecretResult readOnly(const QString &key, const char *action)
{
    const QString variable = EnvironmentSecretStore::variableFor(key);
    return SecretResult::failure(SecretResult::Status::ReadOnly,
                                 QStringLiteral("secrets from the environment are read-only; %1 %2 before starting")
                                     .arg(QLatin1String(action), variable.isEmpty() ? key : variable));
}

} // namespace

EnvironmentSecretStore::EnvironmentSecretStore(QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
{
}

EnvironmentSecretStore::~EnvironmentSecretStore() = default;

QString EnvironmentSecretStore::variableFor(const QString &key)
{
    if (key == QLatin1String(SecretKeys::TwilioAuthToken))
        return QStringLiteral("TWILIO_AUTH_TOKEN");
    if (key == QLatin1String(SecretKeys::VapiApiKey))
        return QStringLiteral("VAPI_API_KEY");
    if (key == QLatin1String(SecretKeys::SmtpPassword))
        return QStringLiteral("SMTP_PASSWORD");
    return {};
}

void EnvironmentSecretStore::read(const QString &key, Callback done)
{
    const QString variable = variableFor(key);
    if (variable.isEmpty()) {
        return answer(std::move(done),
                      SecretResult::failure(SecretResult::Status::NotFound,
                                            QStringLiteral("no environment variable holds the secret %1").arg(key)));
    }
    const QString value = m_environment.value(variable);
    if (value.isEmpty()) {
        // The seed's wording, so operators recognise it.
        return answer(std::move(done),
                      SecretResult::failure(SecretResult::Status::NotFound,
                                            QStringLiteral("%1 environment variable is required").arg(variable)));
    }
    answer(std::move(done), SecretResult::success(value));
}

void EnvironmentSecretStore::write(const QString &key, const QString &value, Callback done)
{
    Q_UNUSED(value)
    answer(std::move(done), readOnly(key, "set"));
}

void EnvironmentSecretStore::remove(const QString &key, Callback done)
{
    answer(std::move(done), readOnly(key, "unset"));
}

QString EnvironmentSecretStore::name() const
{
    return tr("environment", "where secrets are kept: the process environment");
}

void EnvironmentSecretStore::answer(Callback done, SecretResult result)
{
    // Asynchronous like the keychain, so callers cannot come to rely on a synchronous answer.
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] {
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

} // namespace oc
