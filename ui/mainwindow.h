#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace oc {

class OrganizationsModel;
class Store;

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Store &store, const QString &databaseLabel, QWidget *parent = nullptr);

    OrganizationsModel *organizationsModel() const { return m_model; }
    QTableView *organizationsView() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }

private:
    void applyFilter();
    void copySelection();
    void updateCount(qint64 total);

    OrganizationsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_searchDelay = nullptr;
};

} // namespace oc
