#pragma once

#include "net/retrypolicy.h"

#include <QString>
#include <QUrl>

namespace oc {

// Injected into TwilioClient. The auth token is a secret: it only ever goes into the Authorization header.
struct TwilioConfig {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.twilio.com"));
    QString accountSid;
    QString authToken;
    RetryPolicy retry;
    // Twilio Numbers v2 (Regulatory Compliance): another host, the same credentials.
    QUrl numbersBaseUrl = QUrl(QStringLiteral("https://numbers.twilio.com"));
    // Twilio Pricing v1: another host, the same credentials.
    QUrl pricingBaseUrl = QUrl(QStringLiteral("https://pricing.twilio.com"));
};

} // namespace oc
