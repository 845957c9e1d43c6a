#pragma once

#include <QJsonObject>
#include <QWidget>

class QDateEdit;
class QFileDialog;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace oc {

class ConsoleEngine;

// What the organizations' setups cost in a month (core's CostsReport, through the engine, asynchronously): per
// organization its number, country, the number's monthly price and the month's VAPI call cost; the totals; the
// orphans with what they cost; "Export CSV…" writes the report as orgctl costs --csv does.
class CostsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CostsView)

public:
    enum Column { Organization, Number, Country, NumberMonthly, Calls, Total, ColumnCount };
    // The raw value of a cell (a number for the money columns): what the table sorts by.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CostsView(ConsoleEngine &engine, QWidget *parent = nullptr);

    // Loads the report of the month picked (at most one at a time; a request while one loads follows it).
    void refresh();
    // "YYYY-MM" as picked.
    QString month() const;
    void setMonth(const QString &yyyyMm);
    bool isLoading() const { return m_loading; }
    const QJsonObject &report() const { return m_report; }
    // Writes the report shown as CSV; false (and the summary says why) when it cannot.
    bool exportCsv(const QString &path);

    QTableView *table() const { return m_table; }
    QStandardItemModel *model() const { return m_model; }
    QTableView *orphansTable() const { return m_orphansTable; }
    QStandardItemModel *orphansModel() const { return m_orphansModel; }
    QLabel *totals() const { return m_totals; }
    QLabel *summary() const { return m_summary; }
    QProgressBar *progress() const { return m_busy; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *exportButton() const { return m_export; }
    QDateEdit *monthPicker() const { return m_month; }
    // The save dialog while it is open (Export CSV…), else null.
    QFileDialog *exportDialog() const { return m_dialog; }

Q_SIGNALS:
    void loaded(bool ok);

private:
    void display(const QJsonObject &result, bool ok, const QString &error);
    void chooseExportFile();

    ConsoleEngine &m_engine;
    QDateEdit *m_month = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_orphansSummary = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QStandardItemModel *m_orphansModel = nullptr;
    QTableView *m_orphansTable = nullptr;
    QFileDialog *m_dialog = nullptr;
    QJsonObject m_report;
    bool m_loading = false;
    bool m_again = false;
};

} // namespace oc
