#pragma once

#include <QStringList>

namespace oc::cli {

class Cli;

// `orgctl costs [--month YYYY-MM] [--json|--csv]`: the month's costs per organization (number price and VAPI
// calls), totals, the most expensive organizations and the orphans' cost. Runs on in the event loop and ends
// orgctl through cli.finish(); returns -1 then, or an exit code when it ends at once (2: a bad --month).
int runCosts(const QStringList &args, Cli &cli);

} // namespace oc::cli
