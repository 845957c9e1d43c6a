#include "liverollout.h"

namespace oc {

LiveRollout::LiveRollout(qint64 version, bool dryRun, QObject *parent)
    : QObject(parent), m_version(version), m_rollback(version == 0), m_dryRun(dryRun)
{
}

int LiveRollout::count(State state) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [state](const Entry &e) { return e.state == state; }));
}

LiveRollout::State LiveRollout::stateOf(const QJsonObject &answer)
{
    const QString status = answer.value(QLatin1String("status")).toString();
    if (status == QLatin1String("succeeded"))
        return State::Succeeded;
    if (status == QLatin1String("unchanged"))
        return State::Unchanged;
    if (status == QLatin1String("dry_run"))
        return State::DryRun;
    if (status == QLatin1String("canceled"))
        return State::Canceled;
    return State::Failed; // rolled_back, needs_attention, refused (no status)
}

void LiveRollout::setPlan(qint64 version, const QList<std::pair<qint64, QString>> &organizations)
{
    m_version = version;
    m_planned = true;
    m_entries.clear();
    m_index.clear();
    for (const auto &[id, name] : organizations) {
        m_index.insert(id, int(m_entries.size()));
        m_entries.append(Entry{id, name, State::Waiting, {}});
    }
    Q_EMIT planned(int(m_entries.size()));
}

void LiveRollout::setEnded(qint64 organizationId, const QJsonObject &answer)
{
    const auto it = m_index.constFind(organizationId);
    if (it == m_index.cend())
        return;
    Entry &e = m_entries[*it];
    if (e.state == State::Waiting)
        ++m_ended;
    e.answer = answer;
    e.state = stateOf(answer);
    Q_EMIT entryChanged(*it);
}

void LiveRollout::setFinished(const QJsonObject &result, bool ok, const QString &error)
{
    m_result = result;
    m_ok = ok;
    m_error = error;
    m_finished = true;
    if (const qint64 v = result.value(QLatin1String("version")).toInteger(); v > 0)
        m_version = v;
    Q_EMIT finished();
}

} // namespace oc
