// The three secrets the product holds — the Twilio auth token, the VAPI API key, the SMTP password — never reach
// anything it writes or shows, even when a vendor repeats them in its error bodies (the sandbox's `echo` fault).
// orgctl runs as a child process against the sandbox served by this test's event loop, with every logging
// category on; then every byte it left behind is searched: the database (SQLite file, -wal and -shm bytes, and on
// both engines every value of every table), every e-mail the SMTP sink received, stdout and stderr of every
// invocation, the audit export (CSV, as the console writes it) and every file under orgctl's HOME.
#include "sandbox/sandbox.h"
#include "store/auditexport.h"
#include "store/store.h"
#include "store/storereader.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>

using namespace oc;

namespace {

// Distinctive values that no pattern rule of the Redactor recognizes by shape: only scrubbing by value catches them.
const QString kTwilioToken = QStringLiteral("twtok-Q7x2LmKp4Zr8Vb3Nc6Hs1J");
const QString kVapiKey = QStringLiteral("vapik-Hs1Jd7Fg3Wq9Er2Ty5Ui8O");
// A password may hold anything; quotes, a backslash, a space, + / & % make JSON escaping and percent-encoding differ
// from the raw value, so an escaped or encoded copy would slip past a search for the raw bytes alone.
const QString kSmtpPassword = QStringLiteral("smtpw-Ty4\"Ui6\\Op2 As0+Df5/Gh7&Jk9L%");

struct Secret {
    QString name;
    QList<QByteArray> forms; // the value, its fragments and its encodings on the wire
};

// Every form a secret could take in something we wrote: the value itself; its first and last 12 characters (a
// truncated message cuts it, and a cut secret escapes scrubbing by value); as a JSON string and percent-encoded;
// base64 of it and of the way it travels (Basic auth for Twilio, AUTH PLAIN for SMTP).
QList<Secret> secrets(const sandbox::SandboxCredentials &c)
{
    const auto forms = [](const QString &value, const QList<QByteArray> &extra) {
        const QByteArray v = value.toUtf8();
        QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        json = json.mid(2, json.size() - 4); // ["…"]
        QList<QByteArray> out;
        for (const QByteArray &form : QList<QByteArray>{v, v.left(12), v.right(12), json, QUrl::toPercentEncoding(value), v.toBase64()} + extra) {
            if (!out.contains(form))
                out << form;
        }
        return out;
    };
    return {
        {QStringLiteral("Twilio auth token"),
         forms(c.twilioAuthToken, {(c.twilioAccountSid + QLatin1Char(':') + c.twilioAuthToken).toUtf8().toBase64()})},
        {QStringLiteral("VAPI API key"), forms(c.vapiApiKey, {})},
        {QStringLiteral("SMTP password"),
         forms(c.smtpPassword, {(QByteArray(1, '\0') + c.smtpUser.toUtf8() + '\0' + c.smtpPassword.toUtf8()).toBase64()})},
    };
}

} // namespace

class TstSecretLeaks : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_home;
    qint64 m_orgId = 0;
    // Everything to search, by where it came from.
    QList<std::pair<QString, QByteArray>> m_haystacks;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home->path());
        // Every area at debug level: the redacted HTTP exchanges, the mailer, the pipeline — all of it is searched.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("orgconsole.*=true"));
        return env;
    }

    test::OrgctlRun orgctl(const QStringList &args)
    {
        const test::OrgctlRun r = test::runOrgctl(QStringLiteral(ORGCTL), args, environment());
        const QString label = QStringLiteral("orgctl ") + args.join(QLatin1Char(' '));
        m_haystacks.append({label + QStringLiteral(" (stdout)"), r.out});
        m_haystacks.append({label + QStringLiteral(" (stderr)"), r.err});
        return r;
    }

    void addFile(const QString &path, const QString &label)
    {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            m_haystacks.append({label, f.readAll()});
    }

    // Every value of every table, each row as text; on SQLite also the raw bytes of the files (free pages keep
    // what was deleted or overwritten).
    void collectDatabase()
    {
        if (m_db->url().engine == DatabaseUrl::Engine::Sqlite) {
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                addFile(m_db->url().path + QLatin1String(suffix), QStringLiteral("SQLite file %1%2").arg(m_db->url().path, QLatin1String(suffix)));
        }
        auto store = Store::open(m_db->url());
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        Database &db = store.value()->database();
        const QString tablesSql = db.engine() == DatabaseUrl::Engine::Sqlite
            // The search index (FTS5, contentless) cannot be scanned itself; its shadow tables, which hold every
            // byte it indexed, are real tables and are read like the others.
            ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
            : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_type = 'BASE TABLE'");
        auto tables = db.exec(tablesSql);
        QVERIFY2(tables.ok(), tables.ok() ? "" : qPrintable(tables.error().message));
        QStringList names;
        while (tables.value().next())
            names << tables.value().value(0).toString();
        QVERIFY(names.contains(QLatin1String("audit_log")));
        for (const QString &table : names) {
            auto rows = db.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
            QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
            QByteArray text;
            int count = 0;
            while (rows.value().next()) {
                const QSqlRecord record = rows.value().record();
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant v = record.value(i);
                    text += record.fieldName(i).toUtf8() + '=' + (v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8()) + '\t';
                }
                text += '\n';
                ++count;
            }
            m_haystacks.append({QStringLiteral("table %1 (%2 rows)").arg(table).arg(count), text});
        }

        // The audit export, exactly as the console's Export CSV… writes it.
        QTemporaryDir exportDir;
        const QString csv = exportDir.filePath(QStringLiteral("audit.csv"));
        AuditQuery everything;
        everything.limit = 0;
        StoreReader reader(*store.value());
        AuditExport exporter(reader, everything, csv);
        QSignalSpy finished(&exporter, &AuditExport::finished);
        exporter.start();
        QVERIFY(finished.count() == 1 || finished.wait(20000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY(finished.first().at(1).toLongLong() > 0);
        addFile(csv, QStringLiteral("audit export"));
    }

    void collectMessagesAndHome()
    {
        for (qsizetype i = 0; i < m_sandbox->messages().size(); ++i) {
            const sandbox::SmtpMessage &m = m_sandbox->messages().at(i);
            m_haystacks.append({QStringLiteral("e-mail %1 to %2").arg(i).arg(m.rcptTo.join(QLatin1Char(','))),
                                m.mailFrom.toUtf8() + '\n' + m.rcptTo.join(QLatin1Char(',')).toUtf8() + '\n' + m.data});
        }
        QDirIterator files(m_home->path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            addFile(path, QStringLiteral("file %1").arg(path));
        }
    }

    bool anywhere(const QByteArray &needle) const
    {
        return std::any_of(m_haystacks.begin(), m_haystacks.end(), [&](const auto &h) { return h.second.contains(needle); });
    }

    QStringList leaks() const
    {
        if (qEnvironmentVariableIsSet("OC_LEAKS_VERBOSE")) {
            for (const auto &[where, bytes] : m_haystacks)
                qInfo().noquote() << "searched" << where << bytes.size() << "bytes";
        }
        QStringList found;
        for (const Secret &secret : secrets(m_sandbox->credentials())) {
            for (const QByteArray &form : secret.forms) {
                for (const auto &[where, bytes] : m_haystacks) {
                    const qsizetype at = bytes.indexOf(form);
                    if (at < 0)
                        continue;
                    const QByteArray context = bytes.mid(qMax<qsizetype>(0, at - 160), form.size() + 320);
                    found << QStringLiteral("%1 (\"%2\") in %3: …%4…")
                                 .arg(secret.name, QString::fromUtf8(form), where, QString::fromUtf8(context).simplified());
                }
            }
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }

    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_orgId = store.value()->organizations().add({QStringLiteral("Leaky Plumbing"), QStringLiteral("owner@leaky.example"),
                                                      QStringLiteral("Lee King"), {}, OrgStatus::Pending, {}}).value();
        sandbox::SandboxConfig config;
        config.credentials.twilioAuthToken = kTwilioToken;
        config.credentials.vapiApiKey = kVapiKey;
        config.credentials.smtpPassword = kSmtpPassword;
        m_sandbox = std::make_unique<sandbox::Sandbox>(config);
        QVERIFY(m_sandbox->start().ok());
        m_home = std::make_unique<QTemporaryDir>();
        m_haystacks.clear();
    }

    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
        m_home.reset();
    }

    // The search itself finds every form of every secret, wherever it hides: the zero hits below mean something.
    void theSearchFindsEveryForm()
    {
        const auto &c = m_sandbox->credentials();
        m_haystacks = {{QStringLiteral("prose"), "Authentication with twilioAuthToken " + c.twilioAuthToken.toUtf8() + " rejected"},
                       {QStringLiteral("cut"), "key " + c.vapiApiKey.toUtf8().left(14) + "…"},
                       {QStringLiteral("header"), "Authorization: Basic " + (c.twilioAccountSid + QLatin1Char(':') + c.twilioAuthToken).toUtf8().toBase64()},
                       {QStringLiteral("smtp"), "AUTH PLAIN " + (QByteArray(1, '\0') + c.smtpUser.toUtf8() + '\0' + c.smtpPassword.toUtf8()).toBase64()},
                       {QStringLiteral("tail"), "…" + c.smtpPassword.toUtf8().right(13)},
                       {QStringLiteral("json"), QJsonDocument(QJsonObject{{QStringLiteral("detail"), QStringLiteral("password ") + c.smtpPassword}}).toJson()}};
        const QStringList found = leaks();
        for (const char *where : {"in prose", "in cut", "in header", "in smtp", "in tail", "in json"})
            QVERIFY2(found.filter(QLatin1String(where)).size() >= 1, where);
        m_haystacks = {{QStringLiteral("clean"), "key ***redacted*** rejected"}};
        QVERIFY(leaks().isEmpty());
    }

    // The environment orgctl gets really carries the three secrets, and the sandbox really checks them: a leak
    // test against credentials nobody uses would prove nothing.
    void theSecretsAreTheOnesInUse()
    {
        const QProcessEnvironment env = environment();
        QCOMPARE(env.value(QStringLiteral("TWILIO_AUTH_TOKEN")), kTwilioToken);
        QCOMPARE(env.value(QStringLiteral("VAPI_API_KEY")), kVapiKey);
        QCOMPARE(env.value(QStringLiteral("SMTP_PASSWORD")), kSmtpPassword);
        QVERIFY(!env.value(QStringLiteral("SMTP_URL")).isEmpty());
        const test::OrgctlRun r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"),
                                          QStringLiteral("US"), QStringLiteral("--area-code"), QStringLiteral("415")});
        QVERIFY2(r.code == 0, (r.err.right(3000) + r.out).constData());
        QCOMPARE(m_sandbox->messages().size(), 1); // the approval e-mail went through AUTH with the password
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("smtp.auth")).calls, 1);
        QVERIFY(m_sandbox->state().counter(QStringLiteral("vapi.phone.create")).calls >= 1);
        collectDatabase();
        collectMessagesAndHome();
        const QStringList found = leaks();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void anEchoingVendorLeaksNothing_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<QString>("echoed"); // the endpoint whose echo must have fired
        // HTTP echoes are turned into error texts the product keeps: their scrubbed form must show up somewhere.
        QTest::newRow("twilio.search") << QStringLiteral("twilio.search=echo") << QStringLiteral("twilio.search");
        QTest::newRow("twilio.buy") << QStringLiteral("twilio.buy=echo") << QStringLiteral("twilio.buy");
        QTest::newRow("vapi.assistant.create") << QStringLiteral("vapi.assistant.create=echo") << QStringLiteral("vapi.assistant.create");
        QTest::newRow("vapi.phone.create") << QStringLiteral("vapi.phone.create=echo") << QStringLiteral("vapi.phone.create");
        QTest::newRow("twilio.release during undo") << QStringLiteral("vapi.phone.create=400,twilio.release=echo")
                                                    << QStringLiteral("twilio.release");
        QTest::newRow("vapi.assistant.delete during undo") << QStringLiteral("vapi.phone.create=400,vapi.assistant.delete=echo")
                                                           << QStringLiteral("vapi.assistant.delete");
        QTest::newRow("vapi.phone.delete during cleanup") << QStringLiteral("vapi.phone.delete=echo") << QStringLiteral("vapi.phone.delete");
        // A create answered 2xx without a readable body is ambiguous: the engine looks it up by tag.
        QTest::newRow("twilio.lookup during reconcile") << QStringLiteral("twilio.buy#1=malformed,twilio.lookup=echo")
                                                        << QStringLiteral("twilio.lookup");
        QTest::newRow("vapi.assistant.list during reconcile") << QStringLiteral("vapi.assistant.create#1=malformed,vapi.assistant.list=echo")
                                                              << QStringLiteral("vapi.assistant.list");
        QTest::newRow("vapi.phone.list during reconcile") << QStringLiteral("vapi.phone.create#1=malformed,vapi.phone.list=echo")
                                                          << QStringLiteral("vapi.phone.list");
        // The approval e-mail fails at AUTH with the password in the reply; the failure e-mail then goes through.
        QTest::newRow("smtp.auth once") << QStringLiteral("smtp.auth#1=echo") << QStringLiteral("smtp.auth");
        QTest::newRow("smtp.auth always") << QStringLiteral("smtp.auth=echo") << QStringLiteral("smtp.auth");
    }

    void anEchoingVendorLeaksNothing()
    {
        QFETCH(QString, faults);
        QFETCH(QString, echoed);
        QVERIFY(m_sandbox->addFaults(faults).ok());
        const QString id = QString::number(m_orgId);
        const test::OrgctlRun approve = orgctl({QStringLiteral("approve"), id, QStringLiteral("--country"), QStringLiteral("US"),
                                                QStringLiteral("--area-code"), QStringLiteral("415"), QStringLiteral("--progress")});
        QVERIFY2(approve.code == 0 || approve.code == 1, (approve.err.right(3000) + approve.out).constData());
        QVERIFY2(QJsonDocument::fromJson(approve.out).isObject(), approve.out.constData());
        if (qEnvironmentVariableIsSet("OC_LEAKS_VERBOSE"))
            qInfo().noquote() << approve.out << approve.err.right(4000);
        // Everything else that shows what happened, with the echo still on for whatever they call.
        for (const QStringList &args : QList<QStringList>{{QStringLiteral("status"), id},
                                                          {QStringLiteral("runs"), id},
                                                          {QStringLiteral("orgs"), QStringLiteral("--json")},
                                                          {QStringLiteral("org"), QStringLiteral("show"), id, QStringLiteral("--json")},
                                                          {QStringLiteral("orphans")},
                                                          {QStringLiteral("check-config")},
                                                          {QStringLiteral("retry"), id, QStringLiteral("--country"), QStringLiteral("US")},
                                                          {QStringLiteral("recover")},
                                                          {QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")},
                                                          {QStringLiteral("cleanup"), id},
                                                          {QStringLiteral("status"), id},
                                                          {QStringLiteral("runs"), id}}) {
            const test::OrgctlRun r = orgctl(args);
            QVERIFY2(r.code >= 0, qPrintable(QStringLiteral("orgctl %1 crashed or hung").arg(args.join(QLatin1Char(' ')))));
        }
        QVERIFY2(m_sandbox->state().counter(echoed).faults >= 1, qPrintable(QStringLiteral("the %1 echo never fired").arg(echoed)));
        QVERIFY(m_sandbox->state().counter(QStringLiteral("smtp.auth")).calls >= 1); // orgctl did log in with the password
        collectDatabase();
        collectMessagesAndHome();
        if (!echoed.startsWith(QLatin1String("smtp.")))
            QVERIFY2(anywhere("rejected"), "no echoed error text reached anything orgctl wrote: the row proves nothing");
        const QStringList found = leaks();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TstSecretLeaks)
#include "tst_secretleaks.moc"
