#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace oc {

class ConsoleEngine;
class LiveRun;
class RunsModel;
class StepsModel;

// Live progress: the session's runs on the left; the selected run's steps (state, progress, attempt,
// detail), overall progress, a timestamped log and the actions its state allows on the right.
class RunsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsView)

public:
    explicit RunsView(ConsoleEngine &engine, QWidget *parent = nullptr);

    void showRun(LiveRun *run);
    LiveRun *currentRun() const;

    RunsModel *runsModel() const { return m_runsModel; }
    StepsModel *stepsModel() const { return m_stepsModel; }
    QTableView *runsTable() const { return m_runs; }
    QTableView *stepsTable() const { return m_steps; }
    QProgressBar *overallProgress() const { return m_overall; }
    QPlainTextEdit *logPane() const { return m_log; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cleanupButton() const { return m_cleanup; }
    QPushButton *resendButton() const { return m_resend; }

Q_SIGNALS:
    // The main window asks what it needs (area code, confirmation) and starts these.
    void retryRequested(oc::LiveRun *run);
    void cleanupRequested(oc::LiveRun *run);
    void resendRequested(oc::LiveRun *run);

private:
    void onCurrentRowChanged();
    void updateHeader();
    void appendLog(const QDateTime &at, const QString &text, bool error);
    void requestCancel();
    // Sizes the runs list's columns to their contents when the first rows arrive, and never again.
    void fitColumnsOnce();

    ConsoleEngine &m_engine;
    RunsModel *m_runsModel = nullptr;
    StepsModel *m_stepsModel = nullptr;
    QTableView *m_runs = nullptr;
    QTableView *m_steps = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_queue = nullptr;
    QProgressBar *m_overall = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cleanup = nullptr;
    QPushButton *m_resend = nullptr;
    QTimer *m_ticker = nullptr;
    QPointer<LiveRun> m_current;
    bool m_columnsFitted = false;
    QMetaObject::Connection m_logConnection;
    QMetaObject::Connection m_changedConnection;
};

} // namespace oc
