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
    // Items asked for per list request (VAPI's `limit`, at most 1000). Lists page through createdAt windows
    // until a page comes back short (VapiClient::listAssistants); tests use a small size to see the paging.
    int pageSize = 1000;
};

} // namespace oc
