#pragma once

#include "emaildata.h"
#include "util/result.h"

namespace oc {

// Renders the approval and failure e-mails from the mustache templates compiled into the binary
// (resources/email, resource prefix /email). Every value is HTML-escaped in the HTML part and shown
// verbatim in the text part; control characters are removed and long values are shortened so a hostile
// organization name can neither break the layout nor the headers.
class EmailRenderer
{
public:
    explicit EmailRenderer(EmailBranding branding);

    Result<RenderedEmail> approval(const ApprovalEmailData &data) const;
    Result<RenderedEmail> failure(const FailureEmailData &data) const;

    // Dates in e-mails: "14 March 2025, 09:30 UTC". UTC because staff and owners live in many zones.
    static QString formatTimestamp(const QDateTime &when);

    static constexpr int MaxNameInSubject = 60;
    static constexpr int MaxNameInBody = 120;
    static constexpr int MaxValueLength = 200;
    static constexpr int MaxErrorLength = 2000;

private:
    EmailBranding m_branding;
};

} // namespace oc
