#pragma once

#include "mailresult.h"

#include <QObject>

#include <map>
#include <memory>

namespace oc {

class CurlMulti;
class MailTransfer;
struct MailMessage;
struct SmtpConfig;

// The libcurl side of one Mailer. It lives on the Mailer's worker thread and everything in it (the
// CurlMulti, its socket notifiers and timer, every easy handle) is created, driven and destroyed there.
// libcurl 7.88 blocks inside curl_multi_socket_action while an SMTP server answers the end of DATA;
// here that stalls only this thread, never the caller's (a GUI, or an SMTP server in the same thread).
// The Mailer talks to it only through queued calls that carry a job id, never a pointer to a job.
class MailWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailWorker)

public:
    MailWorker();
    // Runs on the worker thread: running transfers stop without reporting.
    ~MailWorker() override;

    // Worker thread only (reach them with QMetaObject::invokeMethod).
    void start(quint64 id, const SmtpConfig &config, const MailMessage &message);
    void abort(quint64 id); // safe for an id that already finished or never started

Q_SIGNALS:
    // Exactly once per started id unless it was aborted; the Mailer receives it queued on its thread.
    void transferFinished(quint64 id, const oc::MailResult &result);

private:
    void onDone(quint64 id, int code);

    // Made on the first start(), i.e. on the worker thread: CurlMulti's QTimer member is not a child,
    // so moveToThread() would leave it behind on the thread that constructed it.
    std::unique_ptr<CurlMulti> m_multi;
    std::map<quint64, std::unique_ptr<MailTransfer>> m_transfers;
};

} // namespace oc
