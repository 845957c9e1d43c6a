#include "costsview.h"

#include "console/consoleengine.h"
#include "provisioning/costsreport.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>

namespace oc {

namespace {

QString usd(double value)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toCurrencyString(value);
}

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(text, CostsView::SortRole);
    return item;
}

// A money cell: shown as currency, sorted by value; "—" (sorted first) when unknown.
QStandardItem *moneyItem(const QJsonValue &value)
{
    auto *item = new QStandardItem(value.isDouble() ? usd(value.toDouble()) : QStringLiteral("—"));
    item->setData(value.isDouble() ? value.toDouble() : -1.0, CostsView::SortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString kindTitle(const QString &kind)
{
    if (kind == QLatin1String("number"))
        return QCoreApplication::translate("oc::CostsView", "Phone number");
    if (kind == QLatin1String("assistant"))
        return QCoreApplication::translate("oc::CostsView", "Assistant");
    if (kind == QLatin1String("vapi_phone_number"))
        return QCoreApplication::translate("oc::CostsView", "VAPI phone number");
    return kind;
}

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

} // namespace

CostsView::CostsView(ConsoleEngine &engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    setAccessibleName(tr("Costs"));
    auto *intro = new QLabel(tr("What each organization's setup costs this month: its number's monthly price (Twilio's "
                                "price list, kept for a day) and the VAPI calls of its two assistants. Only reads."), this);
    intro->setWordWrap(true);

    m_month = new QDateEdit(this);
    m_month->setDisplayFormat(QStringLiteral("yyyy-MM"));
    m_month->setDate(QDateTime::currentDateTimeUtc().date());
    m_month->setAccessibleName(tr("Month"));
    auto *monthLabel = new QLabel(tr("&Month:"), this);
    monthLabel->setBuddy(m_month);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setAccessibleName(tr("Refresh the costs"));
    m_export = new QPushButton(tr("&Export CSV…"), this);
    m_export->setAccessibleName(tr("Export the costs as CSV"));
    m_export->setEnabled(false);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    m_busy->setAccessibleName(tr("Loading costs"));
    m_summary = new QLabel(tr("Not loaded yet."), this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Organization"), tr("Number"), tr("Country"), tr("Number $/month"),
                                        tr("Calls $ this month"), tr("Total")});
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(SortRole);
    m_table = makeTable(m_sorted, tr("Costs by organization"), this);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Total, Qt::DescendingOrder);
    m_totals = new QLabel(this);
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setAccessibleName(tr("Totals"));

    m_orphansModel = new QStandardItemModel(0, 4, this);
    m_orphansModel->setHorizontalHeaderLabels({tr("Orphan"), tr("Kind"), tr("Country"), tr("Monthly cost")});
    m_orphansTable = makeTable(m_orphansModel, tr("Orphans and their cost"), this);
    m_orphansSummary = new QLabel(this);
    m_orphansSummary->setTextFormat(Qt::PlainText);

    auto *bar = new QHBoxLayout;
    bar->addWidget(monthLabel);
    bar->addWidget(m_month);
    bar->addWidget(m_refresh);
    bar->addWidget(m_busy);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(bar);
    layout->addWidget(m_table, 3);
    layout->addWidget(m_totals);
    layout->addWidget(m_orphansSummary);
    layout->addWidget(m_orphansTable, 1);

    connect(m_refresh, &QPushButton::clicked, this, &CostsView::refresh);
    connect(m_export, &QPushButton::clicked, this, &CostsView::chooseExportFile);
}

QString CostsView::month() const
{
    return m_month->date().toString(QStringLiteral("yyyy-MM"));
}

void CostsView::setMonth(const QString &yyyyMm)
{
    const QDate d = QDate::fromString(yyyyMm + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
    if (d.isValid())
        m_month->setDate(d);
}

void CostsView::refresh()
{
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    m_busy->setVisible(true);
    m_refresh->setEnabled(false);
    m_summary->setText(tr("Reading prices from Twilio and calls from VAPI…"));
    m_engine.costsReport(month(), this, [this](const QJsonObject &result, bool ok, const QString &error) { display(result, ok, error); });
}

void CostsView::display(const QJsonObject &result, bool ok, const QString &error)
{
    m_loading = false;
    m_busy->setVisible(false);
    m_refresh->setEnabled(true);
    if (m_again) {
        m_again = false;
        refresh();
        return;
    }
    if (!ok) {
        m_summary->setText(tr("The costs could not be read: %1").arg(error));
        m_export->setEnabled(!m_report.isEmpty());
        Q_EMIT loaded(false);
        return;
    }
    m_report = result;
    m_table->setSortingEnabled(false);
    m_model->removeRows(0, m_model->rowCount());
    const QJsonArray organizations = result.value(QLatin1String("organizations")).toArray();
    for (const QJsonValue &v : organizations) {
        const QJsonObject o = v.toObject();
        QList<QStandardItem *> row{textItem(o.value(QLatin1String("organization")).toString()),
                                   textItem(o.value(QLatin1String("phoneNumber")).toString()),
                                   textItem(o.value(QLatin1String("country")).toString()),
                                   moneyItem(o.value(QLatin1String("numberMonthlyUsd"))),
                                   moneyItem(o.value(QLatin1String("callsUsd"))),
                                   moneyItem(o.value(QLatin1String("totalUsd")))};
        row[Organization]->setData(o.value(QLatin1String("organizationId")).toInteger(), Qt::UserRole);
        row[Calls]->setToolTip(tr("%n call(s)", nullptr, o.value(QLatin1String("calls")).toInt()));
        if (o.contains(QLatin1String("error")))
            row[Calls]->setToolTip(tr("The calls could not be listed: %1").arg(o.value(QLatin1String("error")).toString()));
        m_model->appendRow(row);
    }
    m_table->setSortingEnabled(true);
    const QJsonObject totals = result.value(QLatin1String("totals")).toObject();
    m_totals->setText(tr("Totals: %n organization(s) · numbers %1 · calls %2 · together %3", nullptr,
                         totals.value(QLatin1String("organizations")).toInt())
                          .arg(usd(totals.value(QLatin1String("numbersUsd")).toDouble()),
                               usd(totals.value(QLatin1String("callsUsd")).toDouble()),
                               usd(totals.value(QLatin1String("organizationsUsd")).toDouble())));

    m_orphansModel->removeRows(0, m_orphansModel->rowCount());
    const QJsonArray orphans = result.value(QLatin1String("orphans")).toArray();
    for (const QJsonValue &v : orphans) {
        const QJsonObject o = v.toObject();
        m_orphansModel->appendRow({textItem(o.value(QLatin1String("name")).toString()),
                                   textItem(kindTitle(o.value(QLatin1String("kind")).toString())),
                                   textItem(o.value(QLatin1String("country")).toString()),
                                   moneyItem(o.value(QLatin1String("monthlyCostUsd")))});
    }
    m_orphansSummary->setText(orphans.isEmpty() ? tr("No orphans.")
                                                : tr("%n orphan(s), %1 a month — release them in the Orphans tab.", nullptr,
                                                     int(orphans.size()))
                                                      .arg(usd(totals.value(QLatin1String("orphansUsd")).toDouble())));
    const QStringList warnings = result.value(QLatin1String("warnings")).toVariant().toStringList();
    m_summary->setText(tr("%1: %2 in all.").arg(result.value(QLatin1String("month")).toString(),
                                               usd(totals.value(QLatin1String("totalUsd")).toDouble()))
                       + (warnings.isEmpty() ? QString() : QLatin1Char(' ') + warnings.join(QStringLiteral("; "))));
    m_export->setEnabled(true);
    Q_EMIT loaded(true);
}

void CostsView::chooseExportFile()
{
    if (m_report.isEmpty() || m_dialog)
        return;
    m_dialog = new QFileDialog(this, tr("Export costs"), QStringLiteral("costs-%1.csv").arg(m_report.value(QLatin1String("month")).toString()),
                               tr("CSV files (*.csv)"));
    m_dialog->setAcceptMode(QFileDialog::AcceptSave);
    m_dialog->setDefaultSuffix(QStringLiteral("csv"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportCsv(path); });
    connect(m_dialog, &QObject::destroyed, this, [this] { m_dialog = nullptr; });
    m_dialog->open();
}

bool CostsView::exportCsv(const QString &path)
{
    if (m_report.isEmpty())
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(CostsReport::toCsv(m_report)) < 0 || !file.commit()) {
        m_summary->setText(tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_summary->setText(tr("Exported to %1.").arg(path));
    return true;
}

} // namespace oc
