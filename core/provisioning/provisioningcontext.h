#pragma once

#include "domain/organization.h"
#include "mail/emaildata.h"
#include "pipeline/journal.h"
#include "store/store.h"
#include "twilio/availablenumber.h"
#include "twilio/incomingnumber.h"
#include "vapi/assistanttemplate.h"
#include "vapi/vapiassistant.h"
#include "vapi/vapiphonenumber.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace oc {

class Mailer;
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
};

// One run's inputs, journal and outputs, shared by its steps.
struct ProvisioningContext {
    ProvisioningContext(ProvisioningServices &s, Organization o, QString id, QString country, QString area)
        : services(s), journal(s.store.runs(), id), org(std::move(o)), runId(std::move(id)),
          countryCode(std::move(country)), areaCode(std::move(area))
    {
    }

    ProvisioningServices &services;
    pipeline::Journal journal;
    Organization org;
    QString runId;
    QString countryCode;
    QString areaCode;
    QDateTime startedAt = QDateTime::currentDateTimeUtc();

    QList<AvailableNumber> candidates;
    std::optional<IncomingNumber> number;
    std::optional<VapiAssistant> inbound;
    std::optional<VapiAssistant> outbound;
    std::optional<VapiPhoneNumber> vapiNumber;
    bool emailSent = false;
};

} // namespace oc
