#include "sandbox.h"


#include "sandbox/certificateauthority.h"
#include "sandbox/requestdispatcher.h"
#include "sandbox/httpexchange.h"
#include "sandbox/smtpsink.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace oc::sandbox {

Sandbox::Sandbox(SandboxConfig config, QObject *parent) : QObject(parent), m_config(std::move(config)) {}

Sandbox::~Sandbox()
{
    // Servers first: no request may reach a dispatcher that is gone.
    m_http.reset();
    m_smtp.reset();
}

Result<void> Sandbox::start()
{
    m_dispatcher = std::make_unique<RequestDispatcher>(m_config, m_state);
    connect(m_dispatcher.get(), &RequestDispatcher::requestServed, this, &Sandbox::requestServed);
    connect(m_dispatcher.get(), &RequestDispatcher::stateChanged, this, &Sandbox::stateChanged);
    RequestDispatcher *dispatcher = m_dispatcher.get();
    m_http = std::make_unique<SandboxHttpServer>(
        [dispatcher](HttpCall call, QPointer<QTcpSocket> socket) { dispatcher->dispatch(std::move(call), socket); });
    const quint16 port = m_http->listen(QHostAddress::LocalHost, m_config.httpPort);
    if (port == 0)
        return Error::invalid(QStringLiteral("sandbox: cannot listen on 127.0.0.1:%1").arg(m_config.httpPort));
    m_httpBase = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    m_dispatcher->setBaseUrl(m_httpBase.toString());

    auto ca = CertificateAuthority::generate();
    if (!ca)
        return ca.error();
    m_caPem = ca->caCertificatePem;
    m_caFile = m_config.caFilePath;
    if (m_caFile.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_caFile = m_tempDir->filePath(QStringLiteral("sandbox-ca.pem"));
    }
    QFile file(m_caFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(m_caPem) != m_caPem.size())
        return Error::storage(QStringLiteral("sandbox: cannot write the CA file %1").arg(m_caFile));
    file.close();

    m_smtp = std::make_unique<SmtpSink>(QSslCertificate(ca->serverCertificatePem, QSsl::Pem),
                                        QSslKey(ca->serverKeyPem, QSsl::Ec, QSsl::Pem), m_config.credentials.smtpUser,
                                        m_config.credentials.smtpPassword);
    m_smtp->setAuthFault([this]() -> std::optional<FaultRule> {
        const QString endpoint = QStringLiteral("smtp.auth");
        m_state.countCall(endpoint);
        std::optional<FaultRule> fault = m_dispatcher->faults().take(endpoint);
        if (fault)
            m_state.countFault(endpoint);
        return fault;
    });
    connect(m_smtp.get(), &SmtpSink::messageReceived, this, &Sandbox::messageReceived);
    if (!m_smtp->listen(QHostAddress::LocalHost, m_config.smtpPort))
        return Error::invalid(QStringLiteral("sandbox: cannot listen for SMTP on 127.0.0.1:%1").arg(m_config.smtpPort));
    return {};
}

QList<QPair<QString, QString>> Sandbox::clientEnvironment() const
{
    const auto &c = credentials();
    return {
        {QStringLiteral("TWILIO_API_BASE"), twilioBaseUrl().toString()},
        {QStringLiteral("TWILIO_NUMBERS_API_BASE"), twilioNumbersBaseUrl().toString()},
        {QStringLiteral("TWILIO_PRICING_API_BASE"), twilioPricingBaseUrl().toString()},
        {QStringLiteral("VAPI_API_BASE"), vapiBaseUrl().toString()},
        {QStringLiteral("SMTP_URL"), smtpUrl().toString()},
        {QStringLiteral("SMTP_CA_FILE"), caFile()},
        {QStringLiteral("SMTP_USER"), c.smtpUser},
        {QStringLiteral("SMTP_PASSWORD"), c.smtpPassword},
        {QStringLiteral("TWILIO_ACCOUNT_SID"), c.twilioAccountSid},
        {QStringLiteral("TWILIO_AUTH_TOKEN"), c.twilioAuthToken},
        {QStringLiteral("VAPI_API_KEY"), c.vapiApiKey},
        {QStringLiteral("ORGCONSOLE_SANDBOX_LEDGER"), ledgerUrl().toString()},
    };
}

QUrl Sandbox::ledgerUrl() const
{
    QUrl url = m_httpBase;
    url.setPath(QStringLiteral("/__sandbox/ledger"));
    return url;
}

QUrl Sandbox::smtpUrl() const
{
    return QUrl(QStringLiteral("smtp://127.0.0.1:%1").arg(m_smtp ? m_smtp->serverPort() : 0));
}

QJsonObject Sandbox::ledger() const
{
    return m_dispatcher->ledger();
}

Result<void> Sandbox::addFaults(const QString &spec)
{
    auto rules = FaultPlan::parse(spec);
    if (!rules)
        return rules.error();
    m_dispatcher->faults().add(rules.value());
    return {};
}

void Sandbox::clearFaults()
{
    m_dispatcher->faults().clear();
}

int Sandbox::inFlight() const
{
    return m_dispatcher ? m_dispatcher->inFlight() : 0;
}

const QList<SmtpMessage> &Sandbox::messages() const
{
    static const QList<SmtpMessage> none;
    return m_smtp ? m_smtp->messages() : none;
}

} // namespace oc::sandbox
