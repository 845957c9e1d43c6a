#pragma once

#include <QStringList>

namespace oc::cli {

class Cli;

// `orgctl assistants list|show|save|rollout|rollback`: the assistant template's versions and their rollout.
int runAssistants(const QStringList &args, Cli &cli);
// rollout / rollback (provisioningcommands.cpp: an operation on the event loop).
int runAssistantsRollout(const QStringList &args, Cli &cli, bool rollback);

} // namespace oc::cli
