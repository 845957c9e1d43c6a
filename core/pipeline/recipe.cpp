#include "recipe.h"

#include <QSet>

namespace oc::pipeline {

Recipe &Recipe::add(StepDefinition step)
{
    m_steps.append(std::move(step));
    return *this;
}

int Recipe::indexOf(const QString &name) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i].name == name)
            return i;
    }
    return -1;
}

QString Recipe::validate() const
{
    QSet<QString> names;
    int pivots = 0;
    for (const StepDefinition &s : m_steps) {
        if (s.name.isEmpty() || names.contains(s.name))
            return QStringLiteral("step name \"%1\" is empty or used twice").arg(s.name);
        names.insert(s.name);
        if (!s.run)
            return QStringLiteral("step %1 has nothing to run").arg(s.name);
        pivots += s.phase == StepDefinition::Phase::Pivot ? 1 : 0;
    }
    for (const StepDefinition &s : m_steps) {
        for (const QString &need : s.needs) {
            if (!names.contains(need))
                return QStringLiteral("step %1 needs unknown step %2").arg(s.name, need);
        }
    }
    if (m_onFailure == OnFailure::RollBack && pivots != 1)
        return QStringLiteral("a recipe has exactly one pivot step, this one has %1").arg(pivots);
    if (m_onFailure == OnFailure::CarryOn && pivots != 0)
        return QStringLiteral("a recipe that carries on past failures undoes nothing: it has no pivot step");
    // Kahn's algorithm: every step must become runnable eventually.
    QSet<QString> done;
    bool progressed = true;
    while (progressed && done.size() < m_steps.size()) {
        progressed = false;
        for (const StepDefinition &s : m_steps) {
            if (done.contains(s.name))
                continue;
            bool ready = true;
            for (const QString &need : s.needs)
                ready = ready && done.contains(need);
            if (ready) {
                done.insert(s.name);
                progressed = true;
            }
        }
    }
    if (done.size() < m_steps.size())
        return QStringLiteral("the steps' needs form a cycle");
    return {};
}

} // namespace oc::pipeline
