#pragma once

#include <QObject>
#include <QString>

namespace oc::pipeline {

// The end of one step action (or undo).
struct StepOutcome {
    // Fenced: this process lost the run's lease; the engine stops at once, undoing and writing nothing.
    enum class Kind { Success, Failure, Canceled, Fenced };
    Kind kind = Kind::Success;
    QString error;
    // The action may have taken effect although it failed (timeout after sending a create): the engine then
    // still undoes the step, and the undo reconciles by lookup before it deletes anything.
    bool mayHaveTakenEffect = false;
    QString detail;

    static StepOutcome success(QString detail = {}) { return {Kind::Success, {}, false, std::move(detail)}; }
    static StepOutcome failure(QString error, bool mayHaveTakenEffect = false)
    {
        return {Kind::Failure, std::move(error), mayHaveTakenEffect, {}};
    }
    static StepOutcome canceled() { return {Kind::Canceled, QStringLiteral("canceled"), false, {}}; }
    static StepOutcome fenced(QString why) { return {Kind::Fenced, std::move(why), true, {}}; }
};

// One running step action. It reports progress and ends exactly once with finished(); destroying it cancels
// the work (Tasking's idea: cancelling is destroying), after which it emits nothing.
class StepTask : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepTask)

public:
    using QObject::QObject;

Q_SIGNALS:
    void progress(const QString &detail, int attempt);
    void finished(const oc::pipeline::StepOutcome &outcome);
};

} // namespace oc::pipeline
