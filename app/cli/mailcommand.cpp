#include "mailcommand.h"

#include "cli/context.h"

namespace oc::cli {

int runMail(const QStringList &args)
{
    Context ctx(QStringLiteral("mail"));
    if (auto done = ctx.parse(args, QStringLiteral("preview approval|failure"), 0, 2))
        return *done;
    return ctx.fail(QStringLiteral("e-mail templates are not built yet"));
}

} // namespace oc::cli
