#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace oc {

class AuditExport;
class AuditModel;
class StoreReader;

// The audit log: who did what to which organization and run, newest first, with filters (free text, action,
// actor, organization id; typing is debounced) and an export of everything that matches to CSV.
class AuditView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    explicit AuditView(StoreReader &reader, QWidget *parent = nullptr);
    ~AuditView() override;

    AuditModel *model() const { return m_model; }
    QTableView *tableView() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *actionFilter() const { return m_action; }
    QLineEdit *actorField() const { return m_actor; }
    QLineEdit *organizationField() const { return m_organization; }
    QPushButton *exportButton() const { return m_export; }
    QLabel *statusLabel() const { return m_status; }

    // Writes every record matching the current filter (not only those loaded) to `path`; exportFinished() tells
    // how it went. "Export CSV…" asks for the path, then calls this.
    void exportCsv(const QString &path);
    bool isExporting() const;

public Q_SLOTS:
    // Re-reads the records and the list of actions.
    void refresh();
    // Applies what the filter fields say now, without waiting for the typing pause.
    void applyFilter();

Q_SIGNALS:
    void exportFinished(bool ok, qint64 rows, const QString &message);

private:
    void chooseExportPath();
    void reloadActions();
    void updateStatus(int rows, bool complete);

    StoreReader &m_reader;
    AuditModel *m_model;
    QTableView *m_view;
    QLineEdit *m_search;
    QComboBox *m_action;
    QLineEdit *m_actor;
    QLineEdit *m_organization;
    QPushButton *m_export;
    QLabel *m_status;
    QTimer *m_delay;
    QPointer<AuditExport> m_running;
};

} // namespace oc
