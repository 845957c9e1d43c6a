#include "auditview.h"

#include "auditmodel.h"
#include "store/auditexport.h"
#include "store/store.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace oc {

AuditView::AuditView(StoreReader &reader, QWidget *parent)
    : QWidget(parent), m_reader(reader), m_model(new AuditModel(reader, this)), m_view(new QTableView(this)),
      m_search(new QLineEdit(this)), m_action(new QComboBox(this)), m_actor(new QLineEdit(this)),
      m_organization(new QLineEdit(this)), m_export(new QPushButton(tr("Export CSV…"), this)), m_status(new QLabel(this)),
      m_delay(new QTimer(this))
{
    setAccessibleName(tr("Audit log"));

    m_search->setPlaceholderText(tr("Search detail, run or external id"));
    m_search->setAccessibleName(tr("Search the audit log"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(300);
    m_action->setAccessibleName(tr("Action filter"));
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_actor->setPlaceholderText(tr("Actor"));
    m_actor->setAccessibleName(tr("Actor filter"));
    m_actor->setClearButtonEnabled(true);
    m_organization->setPlaceholderText(tr("Organization id"));
    m_organization->setAccessibleName(tr("Organization id filter"));
    m_organization->setClearButtonEnabled(true);
    m_organization->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), m_organization));
    m_organization->setMaximumWidth(160);
    m_export->setAccessibleName(tr("Export the matching audit records as CSV"));
    m_export->setToolTip(tr("Writes every record that matches the filter, not only those on screen."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_action);
    filters->addWidget(m_actor, 1);
    filters->addWidget(m_organization);
    filters->addStretch();
    filters->addWidget(m_export);

    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Audit records"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->setColumnWidth(AuditModel::TimeColumn, digit * 21);
    m_view->setColumnWidth(AuditModel::ActorColumn, digit * 19);
    m_view->setColumnWidth(AuditModel::ActionColumn, digit * 14);
    m_view->setColumnWidth(AuditModel::OrganizationColumn, digit * 30);
    m_view->setColumnWidth(AuditModel::RunColumn, digit * 14);
    m_view->setColumnWidth(AuditModel::OutcomeColumn, digit * 16);

    m_status->setAccessibleName(tr("Audit log status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 8);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    // Typing waits for a pause before querying; the action list applies at once.
    m_delay->setSingleShot(true);
    m_delay->setInterval(300);
    connect(m_delay, &QTimer::timeout, this, &AuditView::applyFilter);
    for (QLineEdit *field : {m_search, m_actor, m_organization}) {
        connect(field, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
        connect(field, &QLineEdit::returnPressed, this, &AuditView::applyFilter);
    }
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditView::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &AuditView::chooseExportPath);
    connect(m_model, &AuditModel::loaded, this, &AuditView::updateStatus);
    connect(m_model, &AuditModel::loadFailed, this, [this](const QString &message) {
        m_status->setText(tr("Could not read the audit log: %1. Check the database connection, then refresh (F5).").arg(message));
    });

    auto *reload = new QAction(tr("Refresh"), this);
    reload->setShortcut(QKeySequence::Refresh);
    reload->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(reload, &QAction::triggered, this, &AuditView::refresh);
    addAction(reload);

    reloadActions();
    updateStatus(m_model->rowCount(), m_model->isComplete());
}

AuditView::~AuditView() = default;

void AuditView::refresh()
{
    reloadActions();
    m_model->refresh();
}

void AuditView::reloadActions()
{
    m_reader.read(
        this, [](Store &store) { return store.audit().actions(); },
        [this](const Result<QStringList> &actions) {
            const QString current = m_action->currentData().toString();
            const QSignalBlocker block(m_action);
            m_action->clear();
            m_action->addItem(tr("All actions"), QString());
            if (actions) {
                for (const QString &a : actions.value())
                    m_action->addItem(a, a);
            }
            // A filter on an action that no longer occurs stays visible rather than silently widening.
            if (!current.isEmpty() && m_action->findData(current) < 0)
                m_action->addItem(current, current);
            m_action->setCurrentIndex(std::max(0, m_action->findData(current)));
        });
}

void AuditView::applyFilter()
{
    m_delay->stop();
    AuditQuery f;
    f.text = m_search->text().trimmed();
    f.action = m_action->currentData().toString();
    f.actorContains = m_actor->text().trimmed();
    bool ok = false;
    const qint64 org = m_organization->text().trimmed().toLongLong(&ok);
    if (ok)
        f.organizationId = org;
    m_model->setFilter(f);
    updateStatus(m_model->rowCount(), m_model->isComplete());
}

void AuditView::updateStatus(int rows, bool complete)
{
    const QLocale locale;
    if (rows == 0)
        m_status->setText(tr("No audit records match the filter."));
    else if (complete)
        m_status->setText(rows == 1 ? tr("1 record") : tr("%1 records").arg(locale.toString(rows)));
    else
        m_status->setText(tr("Newest %1 records shown; scroll down for older ones.").arg(locale.toString(rows)));
}

void AuditView::chooseExportPath()
{
    if (isExporting())
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(
        QStringLiteral("orgconsole-audit-%1.csv").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    auto *dialog = new QFileDialog(this, tr("Export audit log"), QString(), tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            exportCsv(path);
    });
    dialog->open();
}

bool AuditView::isExporting() const
{
    return m_running && m_running->isRunning();
}

void AuditView::exportCsv(const QString &path)
{
    if (isExporting())
        return;
    if (m_delay->isActive())
        applyFilter(); // export what the fields say, even mid-pause
    auto *job = new AuditExport(m_reader, m_model->filter(), path, this);
    m_running = job;
    m_export->setEnabled(false);
    m_status->setText(tr("Exporting…"));
    connect(job, &AuditExport::progress, this, [this](qint64 rows) {
        m_status->setText(tr("Exporting… %1 records written").arg(QLocale().toString(rows)));
    });
    connect(job, &AuditExport::finished, this, [this, job, path](bool ok, qint64 rows, const QString &message) {
        m_export->setEnabled(true);
        m_status->setText(ok ? tr("Exported %1 records to %2").arg(QLocale().toString(rows), QDir::toNativeSeparators(path))
                             : message);
        job->deleteLater();
        Q_EMIT exportFinished(ok, rows, message);
    });
    job->start();
}

} // namespace oc
