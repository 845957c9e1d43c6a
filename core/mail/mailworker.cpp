#include "mailworker.h"

#include "curlmulti.h"
#include "mailtransfer.h"
#include "util/logging.h"

namespace oc {

MailWorker::MailWorker() = default;

MailWorker::~MailWorker()
{
    // Handles leave the multi before curl_easy_cleanup, and without calling their Done: nobody listens.
    for (const auto &[id, transfer] : m_transfers)
        m_multi->remove(transfer->easy());
    m_transfers.clear();
    m_multi.reset();
}

void MailWorker::start(quint64 id, const SmtpConfig &config, const MailMessage &message)
{
    if (!m_multi)
        m_multi = std::make_unique<CurlMulti>();
    auto transfer = std::make_unique<MailTransfer>();
    MailResult prepared = transfer->prepare(config, message);
    if (prepared.ok()) {
        // The callback runs from this thread's event loop after the handle left the multi.
        const bool added = m_multi->add(transfer->easy(), [this, id](CURLcode code) { onDone(id, int(code)); });
        if (added) {
            m_transfers.emplace(id, std::move(transfer));
            return;
        }
        prepared = MailResult::failure(MailResult::Kind::Other, QStringLiteral("could not start the SMTP transfer"));
    }
    Q_EMIT transferFinished(id, prepared);
}

void MailWorker::abort(quint64 id)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    m_multi->remove(it->second->easy());
    m_transfers.erase(it);
}

void MailWorker::onDone(quint64 id, int code)
{
    const auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    const std::unique_ptr<MailTransfer> transfer = std::move(it->second);
    m_transfers.erase(it);
    const MailResult result = transfer->describe(CURLcode(code));
    if (result.ok())
        qCInfo(lcSmtp) << "e-mail delivered to" << transfer->server();
    else
        qCWarning(lcSmtp) << "e-mail not sent:" << result.kind << result.message;
    Q_EMIT transferFinished(id, result);
}

} // namespace oc
