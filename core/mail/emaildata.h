#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace oc {

// Who the e-mails come from, as the settings describe it (EffectiveConfig::branding*).
struct EmailBranding {
    QString companyName;    // "OrgConsole" when empty
    QString supportContact; // an e-mail address, a URL or free text such as a phone number
    QUrl logoUrl;           // shown only when http(s)
};

// The seed's approval e-mail: the new number, both assistants, when it was set up.
struct ApprovalEmailData {
    QString organizationName;
    QString ownerName; // greeting; "Hello," when empty
    QString phoneNumber; // E.164; shown formatted for humans
    QString inboundAssistantName;
    QString inboundAssistantId;
    QString outboundAssistantName;
    QString outboundAssistantId;
    QDateTime setupDate;
};

// The seed's failure e-mail: which step failed, why, when.
struct FailureEmailData {
    QString organizationName;
    QString ownerName;
    QString failedStep;
    QString errorMessage;
    QDateTime failedAt;
};

struct RenderedEmail {
    QString subject; // single line, capped: passes MailMessage::validate()
    QString text;
    QString html;
};

} // namespace oc
