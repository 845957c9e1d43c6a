#include "secrets/keychainsecretstore.h"

#include "util/logging.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>

namespace oc {

namespace {

const char *operationName(int operation)
{
    static const char *const names[] = {"read", "write", "remove"};
    return names[operation];
}

QString unavailable(const QString &detail)
{
    const QString message = QString::fromUtf8(KeychainSecretStore::UnavailableMessage);
    return detail.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, detail);
}

// QtKeychain reports a missing D-Bus session, a missing Secret Service and a locked collection that
// cannot be unlocked (no prompter without a desktop) as OtherError or AccessDenied with only a text.
bool meansUnavailable(const QString &detail)
{
    static const char *const hints[] = {
        "lock",          "prompt",       "d-bus",       "dbus",           "connect",     "autolaunch",
        "not provided",  "serviceunknown", "no such secret collection", "secret service", "no keychain",
        "not running",   "disconnected", "no reply",
    };
    const QString lower = detail.toLower();
    for (const char *hint : hints) {
        if (lower.contains(QLatin1String(hint)))
            return true;
    }
    return false;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_timeout(timeout)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::read(const QString &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(job, Operation::Read, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QString &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    run(job, Operation::Write, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(job, Operation::Remove, std::move(done));
}

QString KeychainSecretStore::name() const
{
    return QStringLiteral("system keychain");
}

QString KeychainSecretStore::service() const
{
    return m_service;
}

std::chrono::milliseconds KeychainSecretStore::timeout() const
{
    return m_timeout;
}

void KeychainSecretStore::run(QKeychain::Job *job, Operation operation, Callback done)
{
    // The job has no parent: the Secret Service callback holds a raw pointer to it, so only QtKeychain
    // may delete it (autoDelete), even if we stopped waiting or were destroyed.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);

    // Whichever of (job finished, timeout) comes first ends the call; the other finds `ended` set.
    struct Call {
        Callback done;
        bool ended = false;
    };
    auto call = std::make_shared<Call>(Call{std::move(done)});
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);

    const QString key = job->key();
    const auto end = [call, timer](const SecretResult &result) {
        if (call->ended)
            return false;
        call->ended = true;
        timer->stop();
        timer->deleteLater();
        if (call->done)
            call->done(result);
        return true;
    };

    connect(timer, &QTimer::timeout, this, [this, end, key, operation] {
        qCWarning(lcSecrets, "keychain %s of %s timed out after %lld ms", operationName(int(operation)),
                  qPrintable(key), static_cast<long long>(m_timeout.count()));
        end(SecretResult::failure(
            SecretResult::Status::Timeout,
            QStringLiteral("the keychain did not answer within %1 ms — is the keyring unlocked and its "
                           "service running?")
                .arg(m_timeout.count())));
    });
    connect(job, &QKeychain::Job::finished, this, [end, operation](QKeychain::Job *finished) {
        const SecretResult result = resultOf(*finished, operation);
        if (!result.ok()) {
            qCInfo(lcSecrets, "keychain %s of %s failed: %s", operationName(int(operation)),
                   qPrintable(finished->key()), qPrintable(result.message));
        }
        end(result);
    });

    timer->start(m_timeout);
    job->start();
}

SecretResult KeychainSecretStore::resultOf(const QKeychain::Job &job, Operation operation)
{
    using Status = SecretResult::Status;
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoError:
        if (operation == Operation::Read)
            return SecretResult::success(static_cast<const QKeychain::ReadPasswordJob &>(job).textData());
        return SecretResult::success();
    case QKeychain::EntryNotFound:
        if (operation == Operation::Remove)
            return SecretResult::success();
        return SecretResult::failure(Status::NotFound,
                                     QStringLiteral("no secret stored in the keychain for %1").arg(job.key()));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretResult::failure(Status::Unavailable, unavailable(detail));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        // libsecret reports a locked collection as AccessDenied.
        if (meansUnavailable(detail))
            return SecretResult::failure(Status::Unavailable, unavailable(detail));
        return SecretResult::failure(Status::Denied,
                                     QStringLiteral("access to the keychain was denied (%1)").arg(detail));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (meansUnavailable(detail))
        return SecretResult::failure(Status::Unavailable, unavailable(detail));
    return SecretResult::failure(Status::Error, QStringLiteral("keychain error: %1").arg(detail));
}

} // namespace oc
