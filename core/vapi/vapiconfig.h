#pragma once

#include "net/retrypolicy.h"

#include <QString>
#include <QUrl>

namespace oc {

// Injected into VapiClient. The private key only ever goes into the Authorization header.
struct VapiConfig {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.vapi.ai"));
    QString apiKey;
    RetryPolicy retry;
};

} // namespace oc
