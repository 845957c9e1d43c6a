#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace oc {

class ConsoleEngine;

// The orphan sweep (DESIGN §2.3): numbers, assistants and VAPI numbers carrying our tags that nothing
// references. Scanning only reads; releasing asks first and lists exactly what will go.
class OrphansView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrphansView)

public:
    explicit OrphansView(ConsoleEngine &engine, QWidget *parent = nullptr);

    void scan();
    QTableView *table() const { return m_table; }
    QPushButton *scanButton() const { return m_scan; }
    QPushButton *releaseButton() const { return m_release; }
    QLabel *summary() const { return m_summary; }
    QStandardItemModel *model() const { return m_model; }

private:
    void releaseAll();
    void show(const QJsonObject &result, bool released, bool ok, const QString &error);
    void setBusy(bool busy, const QString &what);

    ConsoleEngine &m_engine;
    QStandardItemModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QPushButton *m_scan = nullptr;
    QPushButton *m_release = nullptr;
    QJsonArray m_orphans;
};

} // namespace oc
