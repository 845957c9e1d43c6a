#pragma once

#include <QObject>

#include <functional>

namespace oc::cli {

// SIGINT and SIGTERM delivered on the event loop: the async-signal-safe handler only writes the signal
// number to a socketpair; a QSocketNotifier reads it and calls `handler(signal)` — once per signal, for as
// long as `owner` lives. One set of handlers per process: a second call replaces the first handler.
bool onTerminationSignals(QObject *owner, std::function<void(int signal)> handler);

} // namespace oc::cli
