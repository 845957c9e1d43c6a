#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace oc {

class ConsoleEngine;
class LiveRollout;

// The progress of an assistant rollout (or rollback, or dry run): one row per organization — waiting, updated,
// already there, failed with why, what a dry run would change — a progress bar, Cancel while it runs and a
// summary that says what to do next. Closing it while it runs leaves the rollout running; it is deleted when
// the rollout ends.
class RolloutDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutDialog)

public:
    enum Column { OrganizationColumn, ResultColumn, DetailColumn, ColumnCount };

    // Starts the rollout (version 0: the rollback) through `engine`; `rollout()` is null when the engine
    // could not start it (not configured): the summary says why.
    RolloutDialog(ConsoleEngine &engine, qint64 version, bool dryRun, QWidget *parent = nullptr);

    LiveRollout *rollout() const { return m_rollout; }
    QStandardItemModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QProgressBar *progress() const { return m_progress; }
    QLabel *summary() const { return m_summary; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    // The rollout ended (the summary is shown).
    void rolloutFinished();

protected:
    void reject() override;

private:
    void onPlanned(int total);
    void onEntry(int index);
    void onFinished();
    void updateTitle();

    ConsoleEngine &m_engine;
    LiveRollout *m_rollout = nullptr;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QPushButton *m_cancel;
    QDialogButtonBox *m_buttons;
};

} // namespace oc
