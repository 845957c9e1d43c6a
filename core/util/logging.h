#pragma once

#include <QLoggingCategory>

// One category per area so QT_LOGGING_RULES can turn each on or off ("orgconsole.twilio.debug=true").
// Redact with oc::Redactor before logging anything that came from or goes to the network.
namespace oc {

Q_DECLARE_LOGGING_CATEGORY(lcPipeline)
Q_DECLARE_LOGGING_CATEGORY(lcTwilio)
Q_DECLARE_LOGGING_CATEGORY(lcVapi)
Q_DECLARE_LOGGING_CATEGORY(lcSmtp)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace oc
