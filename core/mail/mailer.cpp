#include "mailer.h"

#include "curlmulti.h"
#include "mailtransfer.h"
#include "mailworker.h"

#include <QThread>
#include <QTimer>

namespace oc {

Mailer::Mailer(SmtpConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_thread(std::make_unique<QThread>()), m_worker(new MailWorker)
{
    // Here, not on the worker: curl_global_init is not thread-safe, and this is usually the main thread.
    CurlMulti::ensureGlobalInit();
    m_thread->setObjectName(QStringLiteral("oc-mailer"));
    m_worker->moveToThread(m_thread.get());
    // finished() is emitted on the worker thread itself, so the direct call deletes the worker (and its
    // socket notifiers and easy handles) on the thread they belong to, before wait() returns.
    connect(m_thread.get(), &QThread::finished, m_worker, [worker = m_worker] { delete worker; }, Qt::DirectConnection);
    // Queued: results cross from the worker thread to ours and are handled from our event loop.
    connect(m_worker, &MailWorker::transferFinished, this, &Mailer::deliver, Qt::QueuedConnection);
    m_thread->start();
}

Mailer::~Mailer()
{
    // Jobs still running end as Canceled, from their own thread's event loop like every other ending (never
    // synchronously inside this destructor, where a slot could reach a half-destroyed Mailer).
    for (const QPointer<MailJob> &job : std::as_const(m_jobs)) {
        if (job) {
            QTimer::singleShot(0, job.data(), [job = job.data()] {
                job->finish(MailResult::failure(MailResult::Kind::Canceled,
                                                QStringLiteral("sending the e-mail was canceled: the mailer was closed")));
            });
        }
    }
    m_jobs.clear();
    // No nested event loop: quit() ends the worker's loop, wait() joins it; the worker deletes itself there.
    m_thread->quit();
    m_thread->wait();
    m_worker = nullptr;
    // Password bytes should not linger in freed memory longer than needed.
    m_config.password.fill(QLatin1Char('\0'));
}

std::unique_ptr<MailJob> Mailer::send(const MailMessage &message)
{
    const quint64 id = ++m_lastId;
    std::unique_ptr<MailJob> job(new MailJob(this, id));
    if (const MailResult invalid = checkMail(m_config, message); !invalid.ok()) {
        // Ends from the event loop so the caller can connect to finished() after send() returned.
        QTimer::singleShot(0, job.get(), [j = job.get(), invalid] { j->finish(invalid); });
        return job;
    }
    m_jobs.insert(id, job.get());
    // The worker gets copies and the id only; it never sees the job.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, config = m_config, message] {
        worker->start(id, config, message);
    });
    return job;
}

void Mailer::abort(quint64 id)
{
    if (!m_jobs.remove(id))
        return; // already delivered, invalid from the start, or never started
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] { worker->abort(id); });
}

void Mailer::deliver(quint64 id, const MailResult &result)
{
    // A job canceled or destroyed meanwhile is no longer in m_jobs: its late result is dropped here.
    const QPointer<MailJob> job = m_jobs.take(id);
    if (job)
        job->finish(result); // may end with the caller deleting this Mailer: touch nothing afterwards
}

} // namespace oc
