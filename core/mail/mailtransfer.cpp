#include "mailtransfer.h"

#include "mailheaders.h"
#include "mailmessage.h"
#include "smtpconfig.h"

#include <QDateTime>

namespace oc {

namespace {

curl_mimepart *addTextPart(curl_mime *mime, const QString &body, const char *type)
{
    curl_mimepart *part = curl_mime_addpart(mime);
    const QByteArray bytes = body.toUtf8();
    curl_mime_data(part, bytes.constData(), size_t(bytes.size())); // libcurl copies the data
    curl_mime_type(part, type);
    curl_mime_encoder(part, "quoted-printable");
    return part;
}

} // namespace

MailResult checkMail(const SmtpConfig &config, const MailMessage &message)
{
    if (const QString problem = config.problem(); !problem.isEmpty())
        return MailResult::failure(MailResult::Kind::Invalid, QStringLiteral("cannot send e-mail: %1").arg(problem));
    if (const Result<void> valid = message.validate(); !valid)
        return MailResult::failure(MailResult::Kind::Invalid,
                                   QStringLiteral("the e-mail was not sent: %1").arg(valid.error().message));
    return MailResult::success();
}

MailTransfer::~MailTransfer()
{
    if (m_easy)
        curl_easy_cleanup(m_easy); // before the mime and lists it points to
    curl_mime_free(m_mime);
    curl_slist_free_all(m_headers);
    curl_slist_free_all(m_recipients);
}

MailResult MailTransfer::prepare(const SmtpConfig &config, const MailMessage &message)
{
    m_easy = curl_easy_init();
    if (!m_easy)
        return MailResult::failure(MailResult::Kind::Other, QStringLiteral("could not initialise libcurl"));

    const QByteArray url = config.url.adjusted(QUrl::RemoveUserInfo).toEncoded();
    curl_easy_setopt(m_easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(m_easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // smtp:// must upgrade with STARTTLS or fail; smtps:// is TLS from the first byte.
    curl_easy_setopt(m_easy, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(m_easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(m_easy, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    if (!config.caFile.isEmpty()) {
        m_caFile = config.caFile.toLocal8Bit();
        curl_easy_setopt(m_easy, CURLOPT_CAINFO, m_caFile.constData());
    }
    const QByteArray user = config.user.toUtf8();
    QByteArray password = config.password.toUtf8();
    curl_easy_setopt(m_easy, CURLOPT_USERNAME, user.constData());
    curl_easy_setopt(m_easy, CURLOPT_PASSWORD, password.constData()); // libcurl keeps its own copy
    password.fill('\0');

    const QByteArray from = '<' + message.fromAddress.toUtf8() + '>';
    curl_easy_setopt(m_easy, CURLOPT_MAIL_FROM, from.constData());
    m_recipients = curl_slist_append(nullptr, ('<' + message.toAddress.toUtf8() + '>').constData());
    curl_easy_setopt(m_easy, CURLOPT_MAIL_RCPT, m_recipients);

    // Our own header lines; the Content-Type one turns libcurl's top-level multipart (mixed by default)
    // into multipart/alternative, and libcurl writes it once, with its boundary.
    for (const QByteArray &line : mailheaders::build(message, QDateTime::currentDateTime()))
        m_headers = curl_slist_append(m_headers, line.constData());
    m_headers = curl_slist_append(m_headers, "Content-Type: multipart/alternative");
    curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_headers);

    m_mime = curl_mime_init(m_easy);
    addTextPart(m_mime, message.textBody, "text/plain; charset=utf-8"); // text first: the least preferred
    if (!message.htmlBody.isEmpty())
        addTextPart(m_mime, message.htmlBody, "text/html; charset=utf-8");
    curl_easy_setopt(m_easy, CURLOPT_MIMEPOST, m_mime);

    curl_easy_setopt(m_easy, CURLOPT_TIMEOUT_MS, long(config.timeout.count()));
    curl_easy_setopt(m_easy, CURLOPT_CONNECTTIMEOUT_MS, long(config.timeout.count()));
    curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L);
    // Close the connection as part of the transfer. A cached connection would be closed later by
    // curl_multi_cleanup, which sends QUIT and blocks for the reply: inside ~Mailer's join of the worker,
    // so an SMTP server on the joining thread (the sandbox) could never answer. Mail is rare; reuse is moot.
    curl_easy_setopt(m_easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
    // libcurl's verbose trace stays off: it contains the AUTH exchange.
    m_timeoutSeconds = int(std::chrono::duration_cast<std::chrono::seconds>(config.timeout).count());
    m_server = config.url.host() + QLatin1Char(':') + QString::number(config.url.port(
                   config.url.scheme().compare(QLatin1String("smtps"), Qt::CaseInsensitive) == 0 ? 465 : 587));
    return MailResult::success();
}

MailResult MailTransfer::describe(CURLcode code) const
{
    using Kind = MailResult::Kind;
    if (code == CURLE_OK)
        return MailResult::success();
    const QString detail = m_errorBuffer[0] ? QString::fromUtf8(m_errorBuffer) : QString::fromUtf8(curl_easy_strerror(code));
    long response = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &response);

    switch (code) {
    case CURLE_LOGIN_DENIED:
        return MailResult::failure(Kind::Authentication, QStringLiteral("SMTP login failed: check the SMTP user and password"));
    case CURLE_USE_SSL_FAILED:
        return MailResult::failure(Kind::StartTlsUnavailable,
            QStringLiteral("the SMTP server does not offer STARTTLS; the e-mail is not sent unencrypted (use "
                           "smtps:// on port 465 if the server speaks TLS directly)"));
    case CURLE_PEER_FAILED_VERIFICATION:
        return MailResult::failure(Kind::Certificate, QStringLiteral("the SMTP server's certificate is not trusted (%1)").arg(detail));
    case CURLE_SSL_CACERT_BADFILE:
        return MailResult::failure(Kind::Certificate,
            QStringLiteral("the SMTP CA file %1 could not be used (%2)").arg(QString::fromLocal8Bit(m_caFile), detail));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
        return MailResult::failure(Kind::Tls, QStringLiteral("the TLS connection to the SMTP server failed (%1)").arg(detail));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return MailResult::failure(Kind::Connection, QStringLiteral("could not connect to the SMTP server %1 (%2)").arg(m_server, detail));
    case CURLE_OPERATION_TIMEDOUT:
        return MailResult::failure(Kind::Timeout, QStringLiteral("the SMTP server %1 did not answer within %2 s").arg(m_server).arg(m_timeoutSeconds));
    default:
        break;
    }
    if (response >= 400)
        return MailResult::failure(Kind::Rejected, QStringLiteral("the SMTP server refused the e-mail (%1)").arg(detail));
    if (code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING)
        return MailResult::failure(Kind::Connection, QStringLiteral("the connection to the SMTP server %1 broke (%2)").arg(m_server, detail));
    return MailResult::failure(Kind::Other, QStringLiteral("sending the e-mail failed (%1)").arg(detail));
}

} // namespace oc
