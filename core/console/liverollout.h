#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

namespace oc {

// An assistant template rollout (or rollback) the console started, as its progress window shows it: the
// organizations it covers, each one's answer as it ends (RolloutOperation's), and the whole answer at the end
// (AssistantRollout's). Fed by ConsoleEngine on the GUI thread; lives as long as its parent keeps it.
class LiveRollout : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveRollout)

public:
    // How one organization's rollout ended, from its answer's status.
    enum class State { Waiting, Succeeded, Unchanged, Failed, Canceled, DryRun };

    struct Entry {
        qint64 organizationId = 0;
        QString organizationName;
        State state = State::Waiting;
        QJsonObject answer;
    };

    LiveRollout(qint64 version, bool dryRun, QObject *parent = nullptr);

    // The version asked for; 0 for a rollback until the plan says which (then the one rolled out).
    qint64 version() const { return m_version; }
    bool isRollback() const { return m_rollback; }
    bool isDryRun() const { return m_dryRun; }
    bool isPlanned() const { return m_planned; }
    bool isFinished() const { return m_finished; }
    bool isCancelRequested() const { return m_cancelRequested; }
    bool ok() const { return m_ok; }
    const QString &errorMessage() const { return m_error; }
    const QJsonObject &result() const { return m_result; }
    const QList<Entry> &entries() const { return m_entries; }
    int ended() const { return m_ended; }
    int count(State state) const;
    static State stateOf(const QJsonObject &answer);

    // ConsoleEngine's side.
    void setPlan(qint64 version, const QList<std::pair<qint64, QString>> &organizations);
    void setEnded(qint64 organizationId, const QJsonObject &answer);
    void setFinished(const QJsonObject &result, bool ok, const QString &error);
    void setCancelRequested() { m_cancelRequested = true; }

Q_SIGNALS:
    void planned(int total);
    // entries().at(index) ended.
    void entryChanged(int index);
    void finished();

private:
    qint64 m_version;
    bool m_rollback;
    bool m_dryRun;
    bool m_planned = false;
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_ok = false;
    QString m_error;
    QJsonObject m_result;
    QList<Entry> m_entries;
    QHash<qint64, int> m_index; // organization id → entry
    int m_ended = 0;
};

} // namespace oc
