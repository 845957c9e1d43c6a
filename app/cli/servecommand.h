#pragma once

#include <QStringList>

namespace oc::cli {

class Cli;

// orgctl serve: the seed's REST API and webhook (core/service) until SIGTERM/SIGINT.
int runServe(const QStringList &args, Cli &cli);
// orgctl token create|list|revoke: the service's bearer tokens.
int runToken(const QStringList &args);

} // namespace oc::cli
