// readCredentials: the three secrets in one asynchronous answer; missing ones empty, a broken store an error.
#include "secrets/credentials.h"
#include "secrets/memorysecretstore.h"

#include <QTest>

#include <optional>

using namespace oc;

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    static std::optional<Result<Credentials>> readAll(SecretStore &store)
    {
        std::optional<Result<Credentials>> answer;
        int calls = 0;
        readCredentials(store, [&](const Result<Credentials> &r) {
            answer.emplace(r);
            ++calls;
        });
        if (answer) // never from inside the call
            return std::nullopt;
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
            return std::nullopt;
        QCoreApplication::processEvents();
        return calls == 1 ? answer : std::nullopt;
    }

    static void put(MemorySecretStore &store, const char *key, const QString &value)
    {
        bool written = false;
        store.write(QString::fromLatin1(key), value, [&](const SecretResult &r) { written = r.ok(); });
        QTRY_VERIFY(written);
    }

private Q_SLOTS:
    void readsEverySecret()
    {
        MemorySecretStore store;
        put(store, SecretKeys::TwilioAuthToken, QStringLiteral("tok"));
        put(store, SecretKeys::VapiApiKey, QStringLiteral("key"));
        put(store, SecretKeys::SmtpPassword, QStringLiteral("pw"));
        const auto answer = readAll(store);
        QVERIFY(answer);
        QVERIFY(answer->ok());
        QCOMPARE(answer->value().twilioAuthToken, QStringLiteral("tok"));
        QCOMPARE(answer->value().vapiApiKey, QStringLiteral("key"));
        QCOMPARE(answer->value().smtpPassword, QStringLiteral("pw"));
    }

    void leavesMissingSecretsEmpty()
    {
        MemorySecretStore store;
        put(store, SecretKeys::VapiApiKey, QStringLiteral("key"));
        const auto answer = readAll(store);
        QVERIFY(answer);
        QVERIFY(answer->ok());
        QVERIFY(answer->value().twilioAuthToken.isEmpty());
        QCOMPARE(answer->value().vapiApiKey, QStringLiteral("key"));
        QVERIFY(answer->value().smtpPassword.isEmpty());
    }

    void reportsAnUnavailableStore()
    {
        MemorySecretStore store;
        store.failWith(SecretResult::Status::Unavailable, QStringLiteral("keychain unavailable — unlock your keyring"));
        const auto answer = readAll(store);
        QVERIFY(answer);
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().message, QStringLiteral("keychain unavailable — unlock your keyring"));
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
