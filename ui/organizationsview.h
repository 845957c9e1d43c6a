#pragma once

#include "domain/organization.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTimer;

namespace oc {

class OrganizationsModel;
class StoreReader;

// The organizations table with its search (debounced) and status filter; lazy, instant at a million rows.
class OrganizationsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationsView)

public:
    explicit OrganizationsView(StoreReader &reader, QWidget *parent = nullptr);

    OrganizationsModel *model() const { return m_model; }
    QTableView *table() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }
    QList<Organization> selectedOrganizations() const;
    // The context menu shown on a right click (the main window fills it with its row actions).
    void setContextMenu(QMenu *menu) { m_menu = menu; }
    void focusSearch();
    void selectOrganization(qint64 id);

Q_SIGNALS:
    void selectionChanged();
    void activated(const oc::Organization &org);
    void countChanged(qint64 total);

private:
    void applyFilter();
    void copySelection();

    OrganizationsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QTimer *m_searchDelay = nullptr;
    QMenu *m_menu = nullptr;
};

} // namespace oc
