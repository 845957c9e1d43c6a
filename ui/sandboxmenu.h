#pragma once

#include "util/result.h"

#include <QMenu>

#include <functional>

namespace oc {

// The sandbox demo's Sandbox menu: arms a fault in the in-process sandbox (its fault spec is each action's
// tooltip) so a newcomer can watch a setup fail and roll back, then clears them. Says what it did via message().
class SandboxMenu : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxMenu)

public:
    using AddFaults = std::function<Result<void>(const QString &spec)>;
    SandboxMenu(AddFaults addFaults, std::function<void()> clearFaults, QWidget *parent = nullptr);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
};

} // namespace oc
