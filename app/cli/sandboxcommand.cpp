#include "sandboxcommand.h"

#include "cli/context.h"

namespace oc::cli {

int runSandbox(const QStringList &args, QObject *owner)
{
    Q_UNUSED(owner);
    Context ctx(QStringLiteral("sandbox"));
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    return ctx.fail(QStringLiteral("the sandbox is not built yet"));
}

} // namespace oc::cli
