#include "prismserver.h"

#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

namespace oc::test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

QString PrismServer::executable()
{
    const QString configured = qEnvironmentVariable("ORGCONSOLE_PRISM");
    if (!configured.isEmpty())
        return configured;
    return QStringLiteral(OC_BUILD_DIR "/prism/node_modules/.bin/prism");
}

QString PrismServer::specsDir()
{
    const QString configured = qEnvironmentVariable("ORGCONSOLE_SPECS_DIR");
    if (!configured.isEmpty())
        return configured;
    return QDir::cleanPath(QStringLiteral(OC_SOURCE_DIR "/../shared/specs"));
}

QString PrismServer::twilioSpec() { return specsDir() + QStringLiteral("/twilio/twilio_api_v2010.json"); }
QString PrismServer::twilioNumbersSpec() { return specsDir() + QStringLiteral("/twilio/twilio_numbers_v2.json"); }
QString PrismServer::vapiSpec() { return specsDir() + QStringLiteral("/vapi/openapi-provisioning.json"); }

QString PrismServer::twilioPricingSpec() { return specsDir() + QStringLiteral("/twilio/twilio_pricing_v1.json"); }
QString PrismServer::vapiFullSpec() { return specsDir() + QStringLiteral("/vapi/openapi.json"); }

namespace {

bool hasRef(const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("$ref")))
            return true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (hasRef(it.value()))
                return true;
        }
    } else if (v.isArray()) {
        for (const QJsonValue &x : v.toArray()) {
            if (hasRef(x))
                return true;
        }
    }
    return false;
}

// A property schema that points at other schemas becomes a permissive one of the same JSON type.
QJsonValue loosen(const QJsonObject &s)
{
    if (!hasRef(s))
        return s;
    QJsonObject out;
    const QString type = s.value(QLatin1String("type")).toString();
    if (type == QLatin1String("array"))
        out.insert(QStringLiteral("type"), QStringLiteral("array"));
    else if (s.contains(QLatin1String("oneOf")) || s.contains(QLatin1String("anyOf")) || s.contains(QLatin1String("$ref"))
             || type == QLatin1String("object"))
        out.insert(QStringLiteral("type"), QStringLiteral("object"));
    out.insert(QStringLiteral("description"),
               (s.value(QLatin1String("description")).toString() + QStringLiteral(" [trimmed: nested schema not reproduced]")).trimmed());
    return out;
}

void collectRefs(const QJsonValue &v, QStringList *names)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("$ref")) {
                const QString name = it.value().toString().section(QLatin1Char('/'), -1);
                if (!names->contains(name))
                    names->append(name);
            } else {
                collectRefs(it.value(), names);
            }
        }
    } else if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            collectRefs(x, names);
    }
}

} // namespace

QString PrismServer::vapiCallSpec(QString *why)
{
    QFile in(vapiFullSpec());
    if (!in.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(in.fileName(), in.errorString());
        return {};
    }
    const QJsonObject spec = QJsonDocument::fromJson(in.readAll()).object();
    const QJsonObject get = spec.value(QLatin1String("paths")).toObject().value(QLatin1String("/call")).toObject().value(QLatin1String("get")).toObject();
    if (get.isEmpty()) {
        *why = QStringLiteral("%1 has no GET /call").arg(in.fileName());
        return {};
    }
    const QJsonObject all = spec.value(QLatin1String("components")).toObject().value(QLatin1String("schemas")).toObject();
    QStringList names;
    collectRefs(get, &names);
    QJsonObject schemas;
    for (const QString &name : std::as_const(names)) {
        QJsonObject schema = all.value(name).toObject();
        if (schema.isEmpty()) {
            *why = QStringLiteral("%1: schema %2 not found").arg(in.fileName(), name);
            return {};
        }
        QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it)
            it.value() = loosen(it.value().toObject());
        if (!properties.isEmpty())
            schema.insert(QStringLiteral("properties"), properties);
        if (hasRef(schema)) // e.g. a oneOf at the top of the schema: permissive, of its type
            schema = loosen(schema).toObject();
        schemas.insert(name, schema);
    }
    QJsonObject info = spec.value(QLatin1String("info")).toObject();
    info.insert(QStringLiteral("title"), info.value(QLatin1String("title")).toString() + QStringLiteral(" (GET /call subset)"));
    const QJsonObject out{
        {QStringLiteral("openapi"), spec.value(QLatin1String("openapi"))},
        {QStringLiteral("info"), info},
        {QStringLiteral("servers"), spec.value(QLatin1String("servers"))},
        {QStringLiteral("security"), spec.contains(QLatin1String("security")) ? spec.value(QLatin1String("security")) : QJsonArray()},
        {QStringLiteral("paths"), QJsonObject{{QStringLiteral("/call"), QJsonObject{{QStringLiteral("get"), get}}}}},
        {QStringLiteral("components"),
         QJsonObject{{QStringLiteral("schemas"), schemas},
                     {QStringLiteral("securitySchemes"), spec.value(QLatin1String("components")).toObject().value(QLatin1String("securitySchemes"))}}}};
    QDir().mkpath(QStringLiteral(OC_BUILD_DIR "/prism"));
    QFile file(QStringLiteral(OC_BUILD_DIR "/prism/vapi-get-call.json"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QJsonDocument(out).toJson(QJsonDocument::Indented)) < 0) {
        *why = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return {};
    }
    return file.fileName();
}

QString PrismServer::vapiMockSpec(QString *why)
{
    QFile in(vapiSpec());
    if (!in.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(in.fileName(), in.errorString());
        return {};
    }
    QJsonObject spec = QJsonDocument::fromJson(in.readAll()).object();
    QJsonObject components = spec.value(QLatin1String("components")).toObject();
    QJsonObject schemas = components.value(QLatin1String("schemas")).toObject();
    for (const QString &name : {QStringLiteral("Assistant"), QStringLiteral("TwilioPhoneNumber")}) {
        QJsonObject schema = schemas.value(name).toObject();
        QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        if (!properties.contains(QLatin1String("id"))) {
            *why = QStringLiteral("%1 in %2 has no id property").arg(name, in.fileName());
            return {};
        }
        for (const QString &field : {QStringLiteral("id"), QStringLiteral("orgId"), QStringLiteral("assistantId")}) {
            if (!properties.contains(field))
                continue;
            QJsonObject property = properties.value(field).toObject();
            property.insert(QStringLiteral("format"), QStringLiteral("uuid"));
            properties.insert(field, property);
        }
        schema.insert(QStringLiteral("properties"), properties);
        schemas.insert(name, schema);
    }
    components.insert(QStringLiteral("schemas"), schemas);
    spec.insert(QStringLiteral("components"), components);
    QDir().mkpath(QStringLiteral(OC_BUILD_DIR "/prism"));
    QFile out(QStringLiteral(OC_BUILD_DIR "/prism/vapi-provisioning-uuid-ids.json"));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(QJsonDocument(spec).toJson(QJsonDocument::Compact)) < 0) {
        *why = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
        return {};
    }
    return out.fileName();
}

QString PrismServer::unavailableReason()
{
    if (!QFileInfo(executable()).isExecutable())
        return QStringLiteral("Prism not found at %1: npm install --prefix <build>/prism @stoplight/prism-cli@5.16.0 "
                              "(tests/run-all.sh does) or set ORGCONSOLE_PRISM").arg(executable());
    for (const QString &spec : {twilioSpec(), twilioNumbersSpec(), vapiSpec(), twilioPricingSpec(), vapiFullSpec()}) {
        if (!QFileInfo::exists(spec))
            return QStringLiteral("spec %1 not found: set ORGCONSOLE_SPECS_DIR (twilio/twilio-oai spec/json/twilio_api_v2010.json, "
                                  "VapiAI/docs fern/apis/api/openapi.json)").arg(spec);
    }
    return {};
}

bool PrismServer::start(Mode mode, const QString &specFile, QString *why, const QUrl &upstream, bool strictResponses,
                        int timeoutMs)
{
    stop();
    const quint16 port = freePort();
    QStringList args{mode == Mode::Mock ? QStringLiteral("mock") : QStringLiteral("proxy"), QStringLiteral("-h"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port), specFile};
    if (mode == Mode::Proxy)
        args << upstream.toString();
    if (strictResponses)
        args << QStringLiteral("--errors");
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(executable(), args);
    if (!m_process->waitForStarted(10000)) {
        *why = QStringLiteral("cannot start %1: %2").arg(executable(), m_process->errorString());
        return false;
    }
    const bool ready = QTest::qWaitFor([&] {
        m_log += QString::fromUtf8(m_process->readAll());
        return m_log.contains(QLatin1String("Prism is listening")) || m_process->state() == QProcess::NotRunning;
    }, timeoutMs);
    if (!ready || !m_log.contains(QLatin1String("Prism is listening"))) {
        *why = QStringLiteral("Prism did not start: %1").arg(m_log.right(2000));
        stop();
        return false;
    }
    m_baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    return true;
}

QString PrismServer::log() const
{
    if (m_process)
        m_log += QString::fromUtf8(m_process->readAll());
    return m_log;
}

void PrismServer::stop()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}

PrismServer::~PrismServer()
{
    stop();
}

} // namespace oc::test
