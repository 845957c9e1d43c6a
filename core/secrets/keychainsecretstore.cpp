#include "secrets/keychainsecretstore.h"

#include "util/logging.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define OC_SECRET_SERVICE 1
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

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

// QtKeychain reports a missing D-Bus session, a missing Secret Service, a missing default keyring and a
// locked collection that cannot be unlocked (no prompter without a desktop) only through the error text.
bool meansUnavailable(const QString &detail)
{
    static const char *const hints[] = {
        "lock",        "prompt",       "collection", "d-bus",        "dbus",           "connect",
        "autolaunch",  "not provided", "secret service", "no keychain", "not running", "disconnected",
        "no reply",
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
    return tr("system keychain", "where secrets are kept: \"Secrets are kept in the system keychain\"");
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
    connect(job, &QKeychain::Job::finished, this, [this, end, call, key, operation](QKeychain::Job *finished) {
        if (call->ended)
            return; // timed out already; this late answer is not wanted
        const SecretResult result = resultOf(*finished, operation);
        if (result.status == SecretResult::Status::NotFound)
            qCDebug(lcSecrets, "keychain has no %s", qPrintable(key));
        else if (!result.ok())
            qCWarning(lcSecrets, "keychain %s of %s failed: %s", operationName(int(operation)), qPrintable(key),
                      qPrintable(result.message));

        // libsecret cannot tell "absent" from "present but locked": it answers a read with nothing and a
        // remove with success. Ask the Secret Service whether a locked entry is what it skipped.
        const bool mayHaveSkippedLocked =
            (operation == Operation::Read && result.status == SecretResult::Status::NotFound)
            || (operation == Operation::Remove && result.ok());
        if (!mayHaveSkippedLocked)
            return void(end(result));
        findLockedEntry(key, [end, result, key](bool locked) {
            if (!locked)
                return void(end(result));
            qCWarning(lcSecrets, "keychain entry %s is in a locked collection", qPrintable(key));
            end(SecretResult::failure(SecretResult::Status::Unavailable,
                                      unavailable(QStringLiteral("the entry is in a locked collection"))));
        });
    });

    timer->start(m_timeout);
    job->start();
}

void KeychainSecretStore::findLockedEntry(const QString &key, std::function<void(bool)> answer)
{
#ifdef OC_SECRET_SERVICE
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return answer(false);
    static const bool registered = [] {
        qDBusRegisterMetaType<QMap<QString, QString>>();
        qDBusRegisterMetaType<QList<QDBusObjectPath>>();
        return true;
    }();
    Q_UNUSED(registered)

    // The attributes QtKeychain's libsecret backend stores: user = key, server = service.
    QDBusMessage search = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    // Never start a Secret Service just to ask (e.g. on KDE, where QtKeychain uses KWallet).
    search.setAutoStartService(false);
    search << QVariant::fromValue(QMap<QString, QString>{{QStringLiteral("user"), key},
                                                         {QStringLiteral("server"), m_service}});
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(search, int(m_timeout.count())), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [answer = std::move(answer)](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply = *finished;
                answer(!reply.isError() && !reply.argumentAt<1>().isEmpty());
            });
#else
    Q_UNUSED(key)
    answer(false);
#endif
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
