// QtKeychain against a REAL Secret Service: ctest runs this through tests/support/with-keyring.sh, which
// starts a private D-Bus session and an unlocked gnome-keyring in a throw-away HOME.
#include "secrets/keychainsecretstore.h"

#include <QDirIterator>
#include <QFile>
#include <QMetaEnum>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUuid>

#include <memory>

using namespace oc;
using namespace std::chrono_literals;
using Status = SecretResult::Status;

namespace {

constexpr int AnswerTimeoutMs = 20000; // above the store's own 10 s timeout: the store must answer first
constexpr auto ChildModeVariable = "OC_KEYCHAIN_TEST_CHILD";
constexpr auto ChildServiceVariable = "OC_KEYCHAIN_TEST_SERVICE";
constexpr auto ChildCanaryVariable = "OC_KEYCHAIN_TEST_CANARY";

QString statusName(Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Status>().valueToKey(int(status)));
}

// Records every answer to one call: tests check the count to prove "exactly once".
struct Recorder {
    std::shared_ptr<QList<SecretResult>> results = std::make_shared<QList<SecretResult>>();

    SecretStore::Callback callback() const
    {
        return [results = results](const SecretResult &r) { results->append(r); };
    }
    qsizetype count() const { return results->size(); }
    const SecretResult &result() const { return results->first(); }
    QByteArray describe() const
    {
        return results->isEmpty() ? QByteArray("no answer")
                                  : (statusName(result().status) + QLatin1String(": ") + result().message).toUtf8();
    }
};

#define AWAIT(recorder) QTRY_COMPARE_WITH_TIMEOUT((recorder).count(), 1, AnswerTimeoutMs)
#define EXPECT_STATUS(recorder, expected) \
    QVERIFY2((recorder).result().status == (expected), (recorder).describe().constData())

bool runningInCi()
{
    const QString ci = qEnvironmentVariable("CI").toLower();
    return ci == QLatin1String("true") || ci == QLatin1String("1");
}

struct ToolRun {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// In the child: one write and one read of a canary through the store, printed as "op<TAB>Status<TAB>message".
int runChild(QCoreApplication &app)
{
    KeychainSecretStore store(qEnvironmentVariable(ChildServiceVariable), 5s);
    const QString canary = qEnvironmentVariable(ChildCanaryVariable);
    QTextStream out(stdout);
    const auto print = [&out](const char *op, const SecretResult &r) {
        out << op << '\t' << statusName(r.status) << '\t' << r.message << '\n';
        out.flush();
    };
    store.write(QStringLiteral("probe/canary"), canary, [&](const SecretResult &written) {
        print("write", written);
        store.read(QStringLiteral("probe/canary"), [&](const SecretResult &read) {
            print("read", read);
            app.quit();
        });
    });
    return app.exec();
}

} // namespace

class tst_KeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void storesReadsOverwritesAndRemovesInTheSecretService();
    void readsWhatAnotherSecretServiceClientStored();
    void keepsServicesApart();
    void reportsTimeoutOnceAndIgnoresTheLateAnswer();
    void withoutSessionBusReportsUnavailableAndWritesNoPlaintext();
    // Must stay last: once locked, the collection cannot be unlocked without a prompter (no desktop).
    void lockedKeyringReportsUnavailableInsteadOfNotFound();

private:
    ToolRun run(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    ToolRun secretTool(const QStringList &arguments, const QByteArray &input = {});
    bool keyringMissing(); // true after QSKIP/QFAIL was issued
    QStringList attributes(const QString &key);

    QString m_problem;   // why the real keyring cannot be used here, empty if it can
    QString m_service;   // unique per run so stale items from a crashed run cannot interfere
    QString m_secretTool;
};

// A test that needs the keyring but cannot reach it: a hard failure in CI, a skip on a developer machine.
#define REQUIRE_KEYRING()                                                                                \
    do {                                                                                                 \
        if (!m_problem.isEmpty()) {                                                                      \
            if (runningInCi())                                                                           \
                QFAIL(qPrintable(QStringLiteral("CI=true but the keyring is unusable: ") + m_problem));   \
            QSKIP(qPrintable(m_problem));                                                                \
        }                                                                                                \
    } while (false)

void tst_KeychainSecretStore::initTestCase()
{
    m_service = QStringLiteral("OrgConsole-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    m_secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));

    // Refuse to run against a personal keyring: only the wrapper's private one is fair game.
    if (qEnvironmentVariable("ORGCONSOLE_TEST_KEYRING") != QLatin1String("ready")) {
        const QString why = qEnvironmentVariable("ORGCONSOLE_TEST_KEYRING_ERROR");
        m_problem = why.isEmpty() ? QStringLiteral("not started by tests/support/with-keyring.sh (run it via ctest)")
                                  : QStringLiteral("with-keyring.sh: %1").arg(why);
        return;
    }
    if (m_secretTool.isEmpty()) {
        m_problem = QStringLiteral("secret-tool not found (install libsecret-tools)");
        return;
    }
    // A probe read must come back NotFound: anything else means the Secret Service is not usable.
    KeychainSecretStore store(m_service);
    Recorder probe;
    store.read(QStringLiteral("probe/nothing"), probe.callback());
    QTRY_COMPARE_WITH_TIMEOUT(probe.count(), 1, AnswerTimeoutMs);
    if (probe.result().status != Status::NotFound)
        m_problem = QStringLiteral("probe read answered %1").arg(QString::fromUtf8(probe.describe()));
}

void tst_KeychainSecretStore::storesReadsOverwritesAndRemovesInTheSecretService()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = QString::fromLatin1(SecretKeys::TwilioAuthToken);
    const QString first = QStringLiteral("tw-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    const QString second = QStringLiteral("ünïcødé € & spaces %1").arg(QUuid::createUuid().toString(QUuid::Id128));
    const QStringList lookup{"lookup", "user", key, "server", m_service};

    Recorder write1;
    store.write(key, first, write1.callback());
    AWAIT(write1);
    EXPECT_STATUS(write1, Status::Ok);

    // Straight from the Secret Service, not through QtKeychain: the value really is in gnome-keyring.
    ToolRun looked = secretTool(lookup);
    QCOMPARE(looked.exitCode, 0);
    QCOMPARE(QString::fromUtf8(looked.out), first);
    const QStringList attrs = attributes(key);
    QVERIFY2(attrs.contains(QStringLiteral("schema = org.qt.keychain")), qPrintable(attrs.join('\n')));
    QVERIFY2(attrs.contains(QStringLiteral("attribute.type = plaintext")), qPrintable(attrs.join('\n')));

    Recorder read1;
    store.read(key, read1.callback());
    AWAIT(read1);
    EXPECT_STATUS(read1, Status::Ok);
    QCOMPARE(read1.result().value, first);

    Recorder write2, read2;
    store.write(key, second, write2.callback());
    store.read(key, read2.callback());
    AWAIT(read2);
    EXPECT_STATUS(write2, Status::Ok);
    EXPECT_STATUS(read2, Status::Ok);
    QCOMPARE(read2.result().value, second);
    looked = secretTool(lookup);
    QCOMPARE(QString::fromUtf8(looked.out), second);

    Recorder remove1, readGone, remove2;
    store.remove(key, remove1.callback());
    store.read(key, readGone.callback());
    store.remove(key, remove2.callback());
    AWAIT(remove2);
    EXPECT_STATUS(remove1, Status::Ok);
    EXPECT_STATUS(readGone, Status::NotFound);
    QVERIFY(readGone.result().value.isEmpty());
    QVERIFY2(readGone.result().message.contains(key), qPrintable(readGone.result().message));
    EXPECT_STATUS(remove2, Status::Ok);

    looked = secretTool(lookup);
    QVERIFY2(looked.exitCode != 0 && looked.out.isEmpty(), looked.out.constData());

    // Exactly once: nothing else arrives for any of the calls.
    for (const Recorder *r : {&write1, &read1, &write2, &read2, &remove1, &readGone, &remove2})
        QCOMPARE(r->count(), 1);
}

void tst_KeychainSecretStore::readsWhatAnotherSecretServiceClientStored()
{
    REQUIRE_KEYRING();
    const QString key = QString::fromLatin1(SecretKeys::VapiApiKey);
    const QByteArray value = QUuid::createUuid().toByteArray(QUuid::Id128);
    // The attributes QtKeychain's libsecret backend uses: user = key, server = service, type = plaintext.
    const ToolRun stored = secretTool({"store", "--label", m_service, "user", key, "server", m_service, "type",
                                       "plaintext"},
                                      value);
    QVERIFY2(stored.exitCode == 0, stored.err.constData());

    KeychainSecretStore store(m_service);
    Recorder read, remove;
    store.read(key, read.callback());
    store.remove(key, remove.callback());
    AWAIT(remove);
    EXPECT_STATUS(read, Status::Ok);
    QCOMPARE(read.result().value, QString::fromLatin1(value));
    EXPECT_STATUS(remove, Status::Ok);
    QCOMPARE(secretTool({"lookup", "user", key, "server", m_service}).out, QByteArray());
}

void tst_KeychainSecretStore::keepsServicesApart()
{
    REQUIRE_KEYRING();
    KeychainSecretStore ours(m_service);
    KeychainSecretStore other(m_service + QStringLiteral("-other"));
    const QString key = QString::fromLatin1(SecretKeys::SmtpPassword);

    Recorder write, readOther, cleanup;
    ours.write(key, QStringLiteral("smtp-pw"), write.callback());
    other.read(key, readOther.callback());
    ours.remove(key, cleanup.callback());
    AWAIT(cleanup);
    EXPECT_STATUS(write, Status::Ok);
    EXPECT_STATUS(readOther, Status::NotFound);
    EXPECT_STATUS(cleanup, Status::Ok);
}

void tst_KeychainSecretStore::reportsTimeoutOnceAndIgnoresTheLateAnswer()
{
    REQUIRE_KEYRING();
    // No Secret Service answers within 0 ms: several D-Bus round trips are needed, each a later event.
    KeychainSecretStore impatient(m_service, 0ms);
    Recorder timedOut;
    impatient.read(QStringLiteral("probe/slow"), timedOut.callback());
    AWAIT(timedOut);
    EXPECT_STATUS(timedOut, Status::Timeout);
    QVERIFY2(timedOut.result().message.contains(QLatin1String("did not answer")),
             qPrintable(timedOut.result().message));

    // QtKeychain runs jobs one at a time, so once this later call is answered the abandoned job has ended too.
    KeychainSecretStore patient(m_service);
    Recorder after;
    patient.read(QStringLiteral("probe/slow"), after.callback());
    AWAIT(after);
    EXPECT_STATUS(after, Status::NotFound);
    QCoreApplication::processEvents();
    QCOMPARE(timedOut.count(), 1);
}

void tst_KeychainSecretStore::withoutSessionBusReportsUnavailableAndWritesNoPlaintext()
{
    // Needs no keyring: a child process (D-Bus connections are per process and cached) whose session bus
    // address points nowhere, in its own empty HOME, so any plaintext fallback file would show up there.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString canary = QStringLiteral("plaintext-canary-%1").arg(QUuid::createUuid().toString(QUuid::Id128));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("DBUS_SESSION_BUS_ADDRESS", QStringLiteral("unix:path=%1/no-such-bus").arg(home.path()));
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    env.insert("XDG_RUNTIME_DIR", home.filePath("run"));
    for (const char *variable : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION"})
        env.remove(variable);
    env.insert(ChildModeVariable, "no-bus");
    env.insert(ChildServiceVariable, m_service);
    env.insert(ChildCanaryVariable, canary);

    const ToolRun child = run(QCoreApplication::applicationFilePath(), {}, {}, env);
    QVERIFY2(child.finished, "child did not finish");
    QCOMPARE(child.exitCode, 0);

    const QStringList lines = QString::fromUtf8(child.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (const QString &line : lines) {
        const QStringList fields = line.split('\t');
        QCOMPARE(fields.size(), 3);
        const QString &status = fields.at(1);
        const QString &message = fields.at(2);
        if (status == QLatin1String("Unavailable")) {
            QVERIFY2(message.startsWith(QString::fromUtf8(KeychainSecretStore::UnavailableMessage)),
                     qPrintable(line));
        } else {
            QVERIFY2(status == QLatin1String("Timeout"), qPrintable(line));
        }
        QVERIFY2(!message.contains(canary), "a message must not echo the secret");
    }

    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(canary.toUtf8()), qPrintable("secret written to " + file.fileName()));
    }
}

void tst_KeychainSecretStore::lockedKeyringReportsUnavailableInsteadOfNotFound()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = QString::fromLatin1(SecretKeys::VapiApiKey);
    Recorder stored;
    store.write(key, QStringLiteral("vapi-locked"), stored.callback());
    AWAIT(stored);
    EXPECT_STATUS(stored, Status::Ok);

    // with-keyring.sh made "login" the default collection; lock it as a screen lock would.
    const ToolRun locked = run(QStringLiteral("dbus-send"),
                               {"--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
                                "org.freedesktop.Secret.Service.Lock",
                                "array:objpath:/org/freedesktop/secrets/collection/login"});
    QVERIFY2(locked.exitCode == 0, locked.err.constData());
    QVERIFY2(locked.out.contains("/org/freedesktop/secrets/collection/login"), locked.out.constData());

    // libsecret alone would answer the read "not found" and the remove "done": both would mislead.
    Recorder read, write, remove;
    store.read(key, read.callback());
    store.write(key, QStringLiteral("vapi-new"), write.callback());
    store.remove(key, remove.callback());
    AWAIT(remove);
    const QString expected = QString::fromUtf8(KeychainSecretStore::UnavailableMessage);
    for (const Recorder *r : {&read, &write, &remove}) {
        QCOMPARE(r->count(), 1);
        EXPECT_STATUS(*r, Status::Unavailable);
        QVERIFY2(r->result().message.startsWith(expected), r->describe().constData());
        QVERIFY(r->result().value.isEmpty());
    }
}

ToolRun tst_KeychainSecretStore::run(const QString &program, const QStringList &arguments, const QByteArray &input,
                                     const QProcessEnvironment &environment)
{
    ToolRun result;
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    result.finished = finished.wait(AnswerTimeoutMs) || !finished.isEmpty();
    if (!result.finished) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

ToolRun tst_KeychainSecretStore::secretTool(const QStringList &arguments, const QByteArray &input)
{
    return run(m_secretTool, arguments, input);
}

QStringList tst_KeychainSecretStore::attributes(const QString &key)
{
    const ToolRun found = secretTool({"search", "--all", "user", key, "server", m_service});
    // secret-tool prints the item on stdout but the schema and attributes on stderr: read both.
    QStringList lines;
    for (const QByteArray &line : (found.out + '\n' + found.err).split('\n'))
        lines << QString::fromUtf8(line).trimmed();
    return lines;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildModeVariable))
        return runChild(app);
    tst_KeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
