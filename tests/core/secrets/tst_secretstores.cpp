#include "secrets/environmentsecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QList>
#include <QTest>

#include <memory>

using namespace oc;
using Status = SecretResult::Status;

namespace {

// Records every callback of one call, so a test can prove "asynchronously, exactly once".
struct Recorder {
    std::shared_ptr<QList<SecretResult>> results = std::make_shared<QList<SecretResult>>();

    SecretStore::Callback callback() const
    {
        return [results = results](const SecretResult &r) { results->append(r); };
    }
    qsizetype count() const { return results->size(); }
    const SecretResult &first() const { return results->first(); }
};

// Lets any queued answer that should NOT come have its chance to arrive, without a fixed wait.
void drainEvents(QObject *context)
{
    bool drained = false;
    QMetaObject::invokeMethod(context, [&drained] { drained = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(drained);
    QCoreApplication::processEvents();
}

} // namespace

class tst_SecretStores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryAnswersAsynchronouslyAndExactlyOnce();
    void memoryReadsBackWhatWasWritten();
    void memoryOverwriteReplacesTheValue();
    void memoryReadAfterRemoveIsNotFound();
    void memoryRemoveIsIdempotent();
    void memoryAnswersInCallOrder();
    void memoryReportsSimulatedFailure();
    void memoryDestroyedWithPendingCallNeverCallsBack();

    void environmentMapsKeysToSeedVariables();
    void environmentReadsInjectedVariables();
    void environmentMissingVariableUsesSeedMessage_data();
    void environmentMissingVariableUsesSeedMessage();
    void environmentUnknownKeyIsNotFound();
    void environmentIsReadOnly();
    void environmentAnswersAsynchronouslyAndExactlyOnce();
};

void tst_SecretStores::memoryAnswersAsynchronouslyAndExactlyOnce()
{
    MemorySecretStore store;
    Recorder write, read, remove;

    store.write("k", "v", write.callback());
    store.read("k", read.callback());
    store.remove("k", remove.callback());
    QCOMPARE(write.count(), 0);
    QCOMPARE(read.count(), 0);
    QCOMPARE(remove.count(), 0);

    QTRY_COMPARE(remove.count(), 1);
    drainEvents(&store);
    QCOMPARE(write.count(), 1);
    QCOMPARE(read.count(), 1);
    QCOMPARE(remove.count(), 1);
}

void tst_SecretStores::memoryReadsBackWhatWasWritten()
{
    MemorySecretStore store;
    Recorder write, read;
    store.write(SecretKeys::VapiApiKey, "vapi-123", write.callback());
    store.read(SecretKeys::VapiApiKey, read.callback());
    QTRY_COMPARE(read.count(), 1);
    QVERIFY(write.first().ok());
    QCOMPARE(read.first().status, Status::Ok);
    QCOMPARE(read.first().value, QStringLiteral("vapi-123"));
    QVERIFY(store.contains(SecretKeys::VapiApiKey));
}

void tst_SecretStores::memoryOverwriteReplacesTheValue()
{
    MemorySecretStore store;
    Recorder read;
    store.write("k", "old", {});
    store.write("k", "new", {});
    store.read("k", read.callback());
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.first().value, QStringLiteral("new"));
}

void tst_SecretStores::memoryReadAfterRemoveIsNotFound()
{
    MemorySecretStore store;
    Recorder remove, read;
    store.write("smtp/password", "pw", {});
    store.remove("smtp/password", remove.callback());
    store.read("smtp/password", read.callback());
    QTRY_COMPARE(read.count(), 1);
    QVERIFY(remove.first().ok());
    QCOMPARE(read.first().status, Status::NotFound);
    QVERIFY(read.first().value.isEmpty());
    QVERIFY2(read.first().message.contains(QLatin1String("smtp/password")), qPrintable(read.first().message));
    QVERIFY(!store.contains("smtp/password"));
}

void tst_SecretStores::memoryRemoveIsIdempotent()
{
    MemorySecretStore store;
    Recorder remove;
    store.remove("never/written", remove.callback());
    QTRY_COMPARE(remove.count(), 1);
    QCOMPARE(remove.first().status, Status::Ok);
}

void tst_SecretStores::memoryAnswersInCallOrder()
{
    MemorySecretStore store;
    QStringList order;
    store.write("a", "1", [&order](const SecretResult &) { order << "write"; });
    store.read("a", [&order](const SecretResult &) { order << "read"; });
    store.remove("a", [&order](const SecretResult &) { order << "remove"; });
    QTRY_COMPARE(order.size(), 3);
    QCOMPARE(order, (QStringList{"write", "read", "remove"}));
}

void tst_SecretStores::memoryReportsSimulatedFailure()
{
    MemorySecretStore store;
    store.failWith(Status::Unavailable, "keychain unavailable — unlock your keyring");
    Recorder write, read;
    store.write("k", "v", write.callback());
    store.read("k", read.callback());
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(write.first().status, Status::Unavailable);
    QCOMPARE(read.first().message, QStringLiteral("keychain unavailable — unlock your keyring"));
    QVERIFY(!store.contains("k"));

    store.stopFailing();
    Recorder again;
    store.write("k", "v", again.callback());
    QTRY_COMPARE(again.count(), 1);
    QVERIFY(again.first().ok());
}

void tst_SecretStores::memoryDestroyedWithPendingCallNeverCallsBack()
{
    QObject context;
    Recorder read;
    {
        MemorySecretStore store;
        store.read("k", read.callback());
    }
    drainEvents(&context);
    QCOMPARE(read.count(), 0);
}

void tst_SecretStores::environmentMapsKeysToSeedVariables()
{
    QCOMPARE(EnvironmentSecretStore::variableFor(SecretKeys::TwilioAuthToken), QStringLiteral("TWILIO_AUTH_TOKEN"));
    QCOMPARE(EnvironmentSecretStore::variableFor(SecretKeys::VapiApiKey), QStringLiteral("VAPI_API_KEY"));
    QCOMPARE(EnvironmentSecretStore::variableFor(SecretKeys::SmtpPassword), QStringLiteral("SMTP_PASSWORD"));
    QVERIFY(EnvironmentSecretStore::variableFor("something/else").isEmpty());
}

void tst_SecretStores::environmentReadsInjectedVariables()
{
    QProcessEnvironment env;
    env.insert("TWILIO_AUTH_TOKEN", "tw-token");
    env.insert("VAPI_API_KEY", "vapi-key");
    env.insert("SMTP_PASSWORD", "smtp-pw");
    EnvironmentSecretStore store(env);

    Recorder twilio, vapi, smtp;
    store.read(SecretKeys::TwilioAuthToken, twilio.callback());
    store.read(SecretKeys::VapiApiKey, vapi.callback());
    store.read(SecretKeys::SmtpPassword, smtp.callback());
    QTRY_COMPARE(smtp.count(), 1);
    QCOMPARE(twilio.first().value, QStringLiteral("tw-token"));
    QCOMPARE(vapi.first().value, QStringLiteral("vapi-key"));
    QCOMPARE(smtp.first().value, QStringLiteral("smtp-pw"));
    QVERIFY(twilio.first().ok() && vapi.first().ok() && smtp.first().ok());
}

void tst_SecretStores::environmentMissingVariableUsesSeedMessage_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("setButEmpty");
    QTest::addColumn<QString>("message");

    QTest::newRow("vapi unset") << SecretKeys::VapiApiKey << false << "VAPI_API_KEY environment variable is required";
    QTest::newRow("vapi empty") << SecretKeys::VapiApiKey << true << "VAPI_API_KEY environment variable is required";
    QTest::newRow("twilio unset") << SecretKeys::TwilioAuthToken << false
                                  << "TWILIO_AUTH_TOKEN environment variable is required";
    QTest::newRow("smtp empty") << SecretKeys::SmtpPassword << true << "SMTP_PASSWORD environment variable is required";
}

void tst_SecretStores::environmentMissingVariableUsesSeedMessage()
{
    QFETCH(QString, key);
    QFETCH(bool, setButEmpty);
    QFETCH(QString, message);

    QProcessEnvironment env;
    env.insert("UNRELATED", "x");
    if (setButEmpty)
        env.insert(EnvironmentSecretStore::variableFor(key), QString());
    EnvironmentSecretStore store(env);

    Recorder read;
    store.read(key, read.callback());
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.first().status, Status::NotFound);
    QCOMPARE(read.first().message, message);
}

void tst_SecretStores::environmentUnknownKeyIsNotFound()
{
    QProcessEnvironment env;
    env.insert("VAPI_API_KEY", "vapi-key");
    EnvironmentSecretStore store(env);
    Recorder read;
    store.read("vapi/other", read.callback());
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.first().status, Status::NotFound);
    QVERIFY(read.first().value.isEmpty());
}

void tst_SecretStores::environmentIsReadOnly()
{
    QProcessEnvironment env;
    env.insert("VAPI_API_KEY", "original");
    EnvironmentSecretStore store(env);

    Recorder write, remove, read;
    store.write(SecretKeys::VapiApiKey, "changed", write.callback());
    store.remove(SecretKeys::VapiApiKey, remove.callback());
    store.read(SecretKeys::VapiApiKey, read.callback());
    QTRY_COMPARE(read.count(), 1);

    QCOMPARE(write.first().status, Status::ReadOnly);
    QCOMPARE(remove.first().status, Status::ReadOnly);
    QVERIFY2(write.first().message.contains(QLatin1String("read-only")), qPrintable(write.first().message));
    QVERIFY2(write.first().message.contains(QLatin1String("VAPI_API_KEY")), qPrintable(write.first().message));
    QVERIFY2(!write.first().message.contains(QLatin1String("changed")), "a message must not echo the secret");
    QCOMPARE(read.first().value, QStringLiteral("original"));
}

void tst_SecretStores::environmentAnswersAsynchronouslyAndExactlyOnce()
{
    QProcessEnvironment env;
    env.insert("VAPI_API_KEY", "vapi-key");
    EnvironmentSecretStore store(env);

    Recorder found, missing, write, remove;
    store.read(SecretKeys::VapiApiKey, found.callback());
    store.read(SecretKeys::SmtpPassword, missing.callback());
    store.write(SecretKeys::VapiApiKey, "x", write.callback());
    store.remove(SecretKeys::VapiApiKey, remove.callback());
    QCOMPARE(found.count() + missing.count() + write.count() + remove.count(), 0);

    QTRY_COMPARE(remove.count(), 1);
    drainEvents(&store);
    QCOMPARE(found.count(), 1);
    QCOMPARE(missing.count(), 1);
    QCOMPARE(write.count(), 1);
    QCOMPARE(remove.count(), 1);
}

QTEST_GUILESS_MAIN(tst_SecretStores)
#include "tst_secretstores.moc"
