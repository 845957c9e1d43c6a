#pragma once

#include "mailresult.h"

#include <QObject>
#include <QPointer>

namespace oc {

class Mailer;

// One message on its way to the SMTP server. finished() is emitted exactly once, on the thread that called
// Mailer::send(): from its event loop (never from inside send()), or synchronously from cancel(). cancel()
// ends it as Canceled; destroying a running job cancels it silently. A job that outlives its Mailer
// finishes as Canceled. Do not delete the job inside a slot connected to finished(): deleteLater() it.
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
    MailJob(Mailer *mailer, quint64 id);

    void finish(const MailResult &result);

    QPointer<Mailer> m_mailer; // same thread as this job; null once the Mailer is gone
    quint64 m_id = 0;          // what the worker knows the transfer by
    bool m_finished = false;
    MailResult m_result;
};

} // namespace oc
