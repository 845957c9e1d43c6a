#pragma once

#include "mailjob.h"
#include "mailmessage.h"
#include "smtpconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QThread;

namespace oc {

class MailWorker;

// Sends e-mail over SMTP with TLS always on: smtps:// (implicit TLS) or smtp:// with STARTTLS required.
// Certificates are always verified; SmtpConfig::caFile only changes whom we trust.
//
// Threads: all libcurl work runs on a worker thread this Mailer owns (started in the constructor, stopped
// and joined in the destructor), because libcurl's SMTP code blocks while the server answers the end of
// the message. Jobs live on the thread that called send() and report there, from its event loop. Jobs may
// outlive the Mailer: the ones still running then finish as Canceled.
class Mailer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Mailer)

public:
    explicit Mailer(SmtpConfig config, QObject *parent = nullptr);
    ~Mailer() override;

    // Starts sending; the job reports through MailJob::finished. An invalid message or configuration
    // finishes the job with Kind::Invalid without opening a connection.
    std::unique_ptr<MailJob> send(const MailMessage &message);

private:
    friend class MailJob;
    void abort(quint64 id); // from MailJob: forget the job, stop its transfer on the worker
    void deliver(quint64 id, const MailResult &result);

    SmtpConfig m_config;
    std::unique_ptr<QThread> m_thread;
    MailWorker *m_worker = nullptr; // lives on m_thread, deleted there when the thread finishes
    QHash<quint64, QPointer<MailJob>> m_jobs; // running jobs; touched on this object's thread only
    quint64 m_lastId = 0;
};

} // namespace oc
