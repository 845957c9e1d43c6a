#include "mailer.h"

#include "curlmulti.h"

namespace oc {

Mailer::Mailer(SmtpConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_multi(std::make_unique<CurlMulti>())
{
}

Mailer::~Mailer()
{
    // Password bytes should not linger in freed memory longer than needed.
    m_config.password.fill(QLatin1Char('\0'));
}

std::unique_ptr<MailJob> Mailer::send(const MailMessage &message)
{
    return std::unique_ptr<MailJob>(new MailJob(m_multi.get(), m_config, message, nullptr));
}

} // namespace oc
