#pragma once

#include <QStringList>

namespace oc::cli {

class Cli;

// `orgctl approve ID --country CC [--area-code NNN] [--progress]`: runs on in the event loop and ends orgctl
// through cli.finish(); returns -1 then, or an exit code when it ends at once.
int runApprove(const QStringList &args, Cli &cli);
// `orgctl cleanup ID`: releases and deletes everything the organization's AI setup owns.
int runCleanup(const QStringList &args, Cli &cli);
// `orgctl recover`: drives every interrupted run whose lease is free to an end.
int runRecover(const QStringList &args, Cli &cli);
// `orgctl orphans [--release --yes]`: the orphan sweep.
int runOrphans(const QStringList &args, Cli &cli);
// `orgctl check-config`: read-only checks of every endpoint and credential.
int runCheckConfig(const QStringList &args, Cli &cli);
// `orgctl retry ID [--country CC] [--area-code NNN] [--progress]`.
int runRetry(const QStringList &args, Cli &cli);
// `orgctl status ID` and `orgctl runs ID`: JSON from the store, no vendor calls.
int runStatus(const QStringList &args);
int runRuns(const QStringList &args);

} // namespace oc::cli
