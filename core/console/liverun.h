#pragma once

#include "pipeline/stepevent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

namespace oc {

// One operation the console started (or recovered), as the console shows it: its steps with state, attempt,
// detail and timing, a timestamped log, and how it ended. Fed by ConsoleEngine from core's operations;
// read by the console's models. Lives as long as the engine keeps it (the session's runs list).
class LiveRun : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveRun)

public:
    enum class Kind { Approve, Retry, Cleanup, ResendEmail };
    enum class Outcome { Running, Succeeded, Failed, Canceled, NeedsAttention };

    struct Step {
        QString name;
        QString title;
        pipeline::StepState state = pipeline::StepState::Pending;
        int attempt = 0;
        QString detail;
        QString error;
        QDateTime startedAt;
        QDateTime finishedAt;
    };
    struct LogLine {
        QDateTime at;
        QString text;
        bool error = false;
    };

    LiveRun(Kind kind, qint64 organizationId, QString companyName, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString kindTitle() const;
    static QString kindTitle(Kind kind);
    qint64 organizationId() const { return m_organizationId; }
    const QString &companyName() const { return m_companyName; }
    const QString &runId() const { return m_runId; }
    Outcome outcome() const { return m_outcome; }
    bool isFinished() const { return m_outcome != Outcome::Running; }
    bool isCancelRequested() const { return m_cancelRequested; }
    QDateTime startedAt() const { return m_startedAt; }
    QDateTime finishedAt() const { return m_finishedAt; }
    const QList<Step> &steps() const { return m_steps; }
    const QList<LogLine> &log() const { return m_log; }
    int stepsDone() const;
    const QJsonObject &result() const { return m_result; }
    const QString &errorMessage() const { return m_error; }
    const QString &phoneNumber() const { return m_phoneNumber; }
    const QString &failedStep() const { return m_failedStep; }
    QStringList warnings() const { return m_warnings; }
    // Team mode: who started it and which process drives it ("host pid N"; empty while queued or unowned);
    // remote runs are driven by another process and only observed here, through the database's feed.
    const QString &actor() const { return m_actor; }
    const QString &owner() const { return m_owner; }
    bool isRemote() const { return m_remote; }
    bool isQueued() const { return m_queued; }

    static QString outcomeName(Outcome outcome);
    // A step's state as the run log words it ("running", "compensated"), in the UI language.
    static QString stepStateText(pipeline::StepState state);

    // Feeding (ConsoleEngine).
    void declareStep(const QString &name, const QString &title);
    void apply(const pipeline::StepEvent &event);
    void note(const QString &text, bool error = false);
    void setRunId(const QString &runId);
    void markCancelRequested();
    void setOrigin(const QString &actor, const QString &owner, bool remote);
    void setQueued(bool queued);
    void finish(Outcome outcome, QJsonObject result, QString error, QString failedStep = {});

Q_SIGNALS:
    void stepAdded(int index);
    void stepChanged(int index);
    void logAppended(const oc::LiveRun::LogLine &line);
    void changed();
    void finished();

private:
    int indexOf(const QString &step) const;

    Kind m_kind;
    qint64 m_organizationId;
    QString m_companyName;
    QString m_runId;
    Outcome m_outcome = Outcome::Running;
    bool m_cancelRequested = false;
    QDateTime m_startedAt = QDateTime::currentDateTimeUtc();
    QDateTime m_finishedAt;
    QList<Step> m_steps;
    QList<LogLine> m_log;
    QJsonObject m_result;
    QString m_error;
    QString m_failedStep;
    QString m_phoneNumber;
    QStringList m_warnings;
    QString m_actor;
    QString m_owner;
    bool m_remote = false;
    bool m_queued = false;
};

} // namespace oc
