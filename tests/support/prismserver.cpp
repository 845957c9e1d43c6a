#include "prismserver.h"

#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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
    for (const QString &spec : {twilioSpec(), twilioNumbersSpec(), vapiSpec()}) {
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
