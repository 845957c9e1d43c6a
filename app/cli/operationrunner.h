#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace oc {
class Operation;
struct OperationOutcome;
struct ProvisioningServices;
} // namespace oc

namespace oc::cli {

class Cli;
class Context;

// Builds the operation a command runs, on the services wired from the environment.
using MakeOperation = std::function<std::unique_ptr<Operation>(ProvisioningServices &)>;
// Prints what the operation answered once it ended (ok or not); the default prints its JSON, and its error on
// stderr.
using PrintOutcome = std::function<void(Context &, const OperationOutcome &)>;

// Opens the store, wires the vendors from the environment, and runs the operation `make` builds on the event
// loop: `print` shows the outcome when it ends, and orgctl exits with it (0, 1, or 128 + the signal that canceled
// it). A command given --progress streams one JSON line per step event on stderr. A cancelable operation is
// canceled by the first SIGINT/SIGTERM and left to orgctl recover by the second. Returns -1 once running, or the
// exit code when it could not start.
int runOperation(std::unique_ptr<Context> ctx, Cli &cli, const MakeOperation &make, PrintOutcome print = {});

// The default PrintOutcome.
void printOutcomeJson(Context &ctx, const OperationOutcome &outcome);

} // namespace oc::cli
