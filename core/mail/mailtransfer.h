#pragma once

#include "mailresult.h"

#include <QByteArray>
#include <QString>

#include <curl/curl.h>

namespace oc {

struct MailMessage;
struct SmtpConfig;

// The refusals that need no connection (bad configuration, header injection). Touches no libcurl state,
// so Mailer::send() runs it on the caller's thread and never hands an invalid message to the worker.
MailResult checkMail(const SmtpConfig &config, const MailMessage &message);

// One libcurl easy handle with everything it points to (MIME parts, header and recipient lists, the error
// buffer). Lives and dies on the Mailer's worker thread only: libcurl handles are not thread-safe.
class MailTransfer
{
    Q_DISABLE_COPY_MOVE(MailTransfer) // libcurl keeps pointers into this object (error buffer, lists)

public:
    MailTransfer() = default;
    ~MailTransfer();

    // Builds the easy handle; a failure result means there is nothing to start.
    MailResult prepare(const SmtpConfig &config, const MailMessage &message);
    // The result a finished transfer reports, with a message for the people who fix it.
    MailResult describe(CURLcode code) const;

    CURL *easy() const { return m_easy; }
    const QString &server() const { return m_server; }

private:
    CURL *m_easy = nullptr;
    curl_mime *m_mime = nullptr;
    curl_slist *m_headers = nullptr;
    curl_slist *m_recipients = nullptr;
    QByteArray m_caFile;
    QString m_server; // host:port, for messages
    int m_timeoutSeconds = 0;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};

} // namespace oc
