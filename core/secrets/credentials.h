#pragma once

#include "secrets/secretstore.h"
#include "util/result.h"

#include <QString>

#include <functional>

namespace oc {

// The secrets OrgConsole needs, held only as long as it takes to build the clients that use them.
struct Credentials {
    QString twilioAuthToken;
    QString vapiApiKey;
    QString smtpPassword;
    QString webhookSecret; // the service's (orgctl serve); empty: its webhook is not configured
};

// Reads every SecretKeys entry from `store`. A secret that is not stored is left empty (the caller says
// which one is missing, with the seed's message); any other failure (keychain locked, denied, timed out)
// ends with that failure's message. `done` is called once, asynchronously — never if `store` dies first.
void readCredentials(SecretStore &store, std::function<void(const Result<Credentials> &)> done);

} // namespace oc
