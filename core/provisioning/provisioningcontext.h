#pragma once

#include "domain/organization.h"
#include "mail/emaildata.h"
#include "provisioning/cancelrequests.h"
#include "provisioning/compliancechoice.h"
#include "pipeline/journal.h"
#include "store/store.h"
#include "twilio/availablenumber.h"
#include "twilio/incomingnumber.h"
#include "twilio/pricecache.h"
#include "vapi/assistanttemplate.h"
#include "vapi/vapiassistant.h"
#include "vapi/vapiphonenumber.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>

#include <chrono>
#include <memory>
#include <optional>

namespace oc {

class Mailer;
namespace pipeline {
class CallLimiter;
}
class Store;
class TwilioClient;
class VapiClient;

// What provisioning talks to; app/ (or a test) builds these and injects them.
struct ProvisioningServices {
    Store &store;
    TwilioClient &twilio;
    VapiClient &vapi;
    Mailer *mailer = nullptr;  // null: e-mails are skipped (a warning, never a failure)
    AssistantTemplate assistantTemplate;
    EmailBranding branding;
    QString senderAddress;
    QString twilioAccountSid;  // VAPI's phone-number registration needs the Twilio credentials
    QString twilioAuthToken;
    // How long after we sent a create it may still take effect at the vendor although we stopped waiting
    // (canceled, timed out, connection lost). Undoing such a create looks for it once more when this much
    // time has passed since it was sent, so a late one is found and deleted (orgctl:
    // ORGCONSOLE_LATE_CREATE_GRACE_MS).
    std::chrono::milliseconds lateCreateGrace{kDefaultLateCreateGrace};
    // How long a run's lease lasts without renewal (the setting, or ORGCONSOLE_LEASE_SECONDS).
    std::chrono::milliseconds leaseLength{60000};
    // The process's one limit on concurrent vendor calls, shared by every operation (null: unlimited).
    pipeline::CallLimiter *limiter = nullptr;
    // The numbers this process's runs are buying right now: another run of the process tries a different
    // candidate instead of racing for the same one (other processes' races end in 21422, as before).
    std::shared_ptr<QSet<QString>> numbersBeingBought = std::make_shared<QSet<QString>>();
    // Cancel requests other processes leave in the database for the runs this process holds.
    std::shared_ptr<CancelRequests> cancelRequests = std::make_shared<CancelRequests>(store.runs());
    // Per country (ISO code): the bundle and address a purchase there uses unless the operator names others
    // (settings compliance/<CC>/bundle and …/address).
    QHash<QString, ComplianceRequest> complianceDefaults{};
    // Twilio's local number prices by country, a day each: what the costs report, the orphan sweep and the
    // dashboard's number spend price numbers with (NumberPrices fills it).
    std::shared_ptr<PriceCache> prices = std::make_shared<PriceCache>();

    static constexpr std::chrono::milliseconds kDefaultLateCreateGrace{10000};
};

// One run's inputs, journal and outputs, shared by its steps.
struct ProvisioningContext {
    ProvisioningContext(ProvisioningServices &s, Organization o, QString id, QString country, QString area)
        : services(s), journal(s.store.runs(), id), org(std::move(o)), runId(std::move(id)),
          countryCode(std::move(country)), areaCode(std::move(area)), assistantTemplate(s.assistantTemplate)
    {
    }

    ProvisioningServices &services;
    pipeline::Journal journal;
    Organization org;
    QString runId;
    QString countryCode;
    QString areaCode;
    QDateTime startedAt = QDateTime::currentDateTimeUtc();
    // The assistant template a setup creates with, or a rollout brings the assistants to, and its version
    // (0: unversioned — a test's services without a store version).
    AssistantTemplate assistantTemplate;
    qint64 templateVersion = 0;
    // A rollout: each assistant's template-owned fields as they were before it (AssistantTemplate::ownedFields),
    // by role name, from the journal — what an undo puts back.
    QHash<QString, QJsonObject> before;

    // Outside NANP: the bundle and address the search and the purchase use (ComplianceCheck, before the run).
    std::optional<ComplianceChoice> compliance;
    QList<AvailableNumber> candidates;
    std::optional<IncomingNumber> number;
    std::optional<VapiAssistant> inbound;
    std::optional<VapiAssistant> outbound;
    std::optional<VapiPhoneNumber> vapiNumber;
    bool emailSent = false;
    // A cleanup: the configuration whose resources it deletes (by the ids it records).
    std::optional<AiConfig> config;
    // When each create step last sent its request (this process): the late-create grace counts from there.
    QHash<QString, QDateTime> sentAt;
};

} // namespace oc
