#pragma once

#include "mail/mailjob.h"
#include "provisioning/asyncstep.h"

#include <memory>

namespace oc {



// save_config, the pivot: the AI configuration (every external id) committed in one transaction.
class SaveConfigStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
};

// send_email, after the pivot: the approval e-mail. A failure is a warning on a completed setup.
class SendEmailStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;
    ~SendEmailStep() override;

private:
    void run() override;
    std::unique_ptr<MailJob> m_job;
};

} // namespace oc
