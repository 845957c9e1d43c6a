#pragma once

#include "twilio/regulation.h"
#include "twilio/regulatorybundle.h"
#include "twilio/twilioaddress.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace oc {

// What the operator asked for (orgctl --bundle/--address), or a country's defaults from the settings. Empty: pick.
struct ComplianceRequest {
    QString bundleSid;
    QString addressSid;

    bool isEmpty() const { return bundleSid.isEmpty() && addressSid.isEmpty(); }
};

// What a purchase in a country will carry, resolved before anything is bought (ComplianceCheck).
struct ComplianceChoice {
    QString isoCountry;
    bool required = false; // Twilio regulates local numbers there for business end-users
    std::optional<Regulation> regulation;
    std::optional<RegulatoryBundle> bundle;
    std::optional<TwilioAddress> address;
    QStringList warnings;  // e.g. a bundle given by hand that is not among the approved ones

    QString bundleSid() const { return bundle ? bundle->sid : QString(); }
    QString addressSid() const { return address ? address->sid : QString(); }
    // One line for people: "Germany requires an approved business bundle — BU… (Acme GmbH, approved 3 Nov 2026)
    // and the address in Berlin will be used".
    QString summary() const;
    QJsonObject toJson() const;
};

} // namespace oc
