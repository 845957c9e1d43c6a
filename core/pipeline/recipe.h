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
    Recipe &add(StepDefinition step);

    const QList<StepDefinition> &steps() const { return m_steps; }
    int indexOf(const QString &name) const;
    // Empty when the graph is sound: unique names, known needs, no cycles, exactly one pivot.
    QString validate() const;

private:
    QList<StepDefinition> m_steps;
};

} // namespace oc::pipeline
