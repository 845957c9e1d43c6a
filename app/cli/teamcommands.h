#pragma once

#include "provisioning/compliancechoice.h"

#include <QList>
#include <QStringList>

namespace oc::cli {

class Cli;
class Context;

// Team mode (a queue in the shared database, drained by workers).
// `orgctl approve ID … --queue`: verifies and queues (with --bundle/--address, if given); buys nothing; returns at once.
int queueApprovals(Context &ctx, const QList<qint64> &ids, const QString &countryCode, const QString &areaCode,
                   const ComplianceRequest &compliance = {});
// `orgctl worker [--concurrency N]`: drains the queue until SIGTERM/SIGINT (then finishes what it holds, exit 0).
int runWorker(const QStringList &args, Cli &cli);
// `orgctl queue [--json]`: what waits, and the workers alive.
int runQueue(const QStringList &args);
// `orgctl cancel RUN`: a queued run is canceled; a running one's owner is asked through the database.
int runCancel(const QStringList &args);
// `orgctl watch [--json]`: one line per run and step change of every run in the database, live.
int runWatch(const QStringList &args, Cli &cli);

} // namespace oc::cli
