#pragma once

#include <QObject>
#include <QStringList>

namespace oc::cli {

// `orgctl sandbox`: serves the emulated Twilio/VAPI/SMTP until interrupted. Returns an exit code when it
// ends at once (bad arguments), or -1 when it keeps running (the event loop owns it from then on).
int runSandbox(const QStringList &args, QObject *owner);

} // namespace oc::cli
