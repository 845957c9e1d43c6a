#pragma once

#include "mailresult.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <curl/curl.h>

namespace oc {

class CurlMulti;
struct MailMessage;
struct SmtpConfig;

// One message on its way to the SMTP server. finished() is emitted exactly once, always from the event
// loop (never from inside Mailer::send()). cancel() ends it as Canceled; destroying a running job
// cancels it silently. Do not delete the job inside a slot connected to finished(): deleteLater() it.
class MailJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailJob)

public:
    ~MailJob() override;

    bool isFinished() const { return m_finished; }
    const MailResult &result() const { return m_result; }
    void cancel();

Q_SIGNALS:
    void finished(const oc::MailResult &result);

private:
    friend class Mailer;
    MailJob(CurlMulti *multi, const SmtpConfig &config, const MailMessage &message, QObject *parent);

    MailResult prepare(const SmtpConfig &config, const MailMessage &message);
    void onDone(CURLcode code);
    MailResult describe(CURLcode code) const;
    void finish(const MailResult &result);
    void release();

    QPointer<CurlMulti> m_multi;
    CURL *m_easy = nullptr;
    curl_mime *m_mime = nullptr;
    curl_slist *m_headers = nullptr;
    curl_slist *m_recipients = nullptr;
    QByteArray m_caFile;
    QString m_server; // host:port, for messages
    int m_timeoutSeconds = 0;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
    bool m_running = false;
    bool m_finished = false;
    MailResult m_result;
};

} // namespace oc
