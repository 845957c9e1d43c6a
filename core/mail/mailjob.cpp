#include "mailjob.h"

#include "mailer.h"

namespace oc {

MailJob::MailJob(Mailer *mailer, quint64 id) : QObject(nullptr), m_mailer(mailer), m_id(id)
{
}

MailJob::~MailJob()
{
    if (!m_finished && m_mailer)
        m_mailer->abort(m_id); // silently: no finished() from a destructor
}

void MailJob::cancel()
{
    if (m_finished)
        return;
    if (m_mailer)
        m_mailer->abort(m_id);
    finish(MailResult::failure(MailResult::Kind::Canceled, QStringLiteral("sending the e-mail was canceled")));
}

void MailJob::finish(const MailResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    Q_EMIT finished(m_result);
}

} // namespace oc
