#pragma once

#include "pipeline/steptask.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace oc::pipeline {

using TaskFactory = std::function<std::unique_ptr<StepTask>()>;

// One named step of a recipe: what it needs, how to run it, how to undo it (DESIGN §2.1).
struct StepDefinition {
    enum class Phase {
        BeforePivot, // undone when the run fails or is canceled
        Pivot,       // the commit point: once it succeeds nothing is undone
        AfterPivot,  // best effort (the e-mail): a failure is a warning, never a rollback
    };

    QString name;
    QString title;
    QStringList needs;
    TaskFactory run;
    TaskFactory undo; // empty: nothing to undo
    Phase phase = Phase::BeforePivot;
    bool usesVendor = true; // takes a slot of the shared limit on concurrent vendor calls
};

// A declared dependency graph of steps: a value, run by PipelineRunner.
class Recipe
{
public:
    // What a failed step does to the run.
    enum class OnFailure {
        RollBack, // stop and undo what was done (a setup: exactly one pivot)
        CarryOn,  // go on with every step that does not need the failed one, undo nothing, report (a cleanup: no pivot)
    };

    Recipe &add(StepDefinition step);
    Recipe &setOnFailure(OnFailure policy)
    {
        m_onFailure = policy;
        return *this;
    }
    OnFailure onFailure() const { return m_onFailure; }

    const QList<StepDefinition> &steps() const { return m_steps; }
    int indexOf(const QString &name) const;
    // Empty when the graph is sound: unique names, known needs, no cycles, exactly one pivot (none when it
    // carries on past failures).
    QString validate() const;

private:
    QList<StepDefinition> m_steps;
    OnFailure m_onFailure = OnFailure::RollBack;
};

} // namespace oc::pipeline
