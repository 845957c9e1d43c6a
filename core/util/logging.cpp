#include "util/logging.h"

// Quiet by default (orgctl's stderr is for errors); QT_LOGGING_RULES="orgconsole.*.debug=true" turns an area up.
namespace oc {

Q_LOGGING_CATEGORY(lcPipeline, "orgconsole.pipeline", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTwilio, "orgconsole.twilio", QtWarningMsg)
Q_LOGGING_CATEGORY(lcVapi, "orgconsole.vapi", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSmtp, "orgconsole.smtp", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "orgconsole.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "orgconsole.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "orgconsole.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApp, "orgconsole.app", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSandbox, "orgconsole.sandbox", QtWarningMsg)

} // namespace oc
