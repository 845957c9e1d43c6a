#include "orphansview.h"

#include "confirmation.h"
#include "console/consoleengine.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QCoreApplication>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

namespace oc {

namespace {

QString kindTitle(const QString &kind)
{
    if (kind == QLatin1String("number"))
        return QCoreApplication::translate("oc::OrphansView", "Phone number");
    if (kind == QLatin1String("assistant"))
        return QCoreApplication::translate("oc::OrphansView", "Assistant");
    if (kind == QLatin1String("vapi_phone_number"))
        return QCoreApplication::translate("oc::OrphansView", "VAPI phone number");
    return kind;
}

} // namespace

OrphansView::OrphansView(ConsoleEngine &engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    auto *intro = new QLabel(tr("Resources at Twilio and VAPI that carry OrgConsole's tags but belong to no configuration and "
                                "no running setup — left by a crash or a failed undo. Scanning only reads; nothing is "
                                "released until you confirm."), this);
    intro->setWordWrap(true);
    m_scan = new QPushButton(tr("&Scan for orphans"), this);
    m_scan->setAccessibleName(tr("Scan for orphans"));
    m_release = new QPushButton(tr("&Release all…"), this);
    m_release->setAccessibleName(tr("Release all orphans"));
    m_release->setEnabled(false);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    m_busy->setAccessibleName(tr("Sweep in progress"));
    m_summary = new QLabel(tr("Not scanned yet."), this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);

    m_model = new QStandardItemModel(0, 6, this);
    m_model->setHorizontalHeaderLabels({tr("Kind"), tr("Name"), tr("Id"), tr("Run"), tr("Age"), tr("Monthly cost")});
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Orphans"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Every column but the name fits its header and contents, in any language ("Monatliche Kosten").
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_scan);
    bar->addWidget(m_busy);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_release);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_scan, &QPushButton::clicked, this, &OrphansView::scan);
    connect(m_release, &QPushButton::clicked, this, &OrphansView::releaseAll);
    connect(&engine, &ConsoleEngine::orphanSweepFinished, this, &OrphansView::show);
}

void OrphansView::setBusy(bool busy, const QString &what)
{
    m_busy->setVisible(busy);
    m_scan->setEnabled(!busy);
    m_release->setEnabled(!busy && !m_orphans.isEmpty());
    if (busy)
        m_summary->setText(what);
}

void OrphansView::scan()
{
    if (m_engine.isSweeping())
        return;
    setBusy(true, tr("Listing numbers and assistants at Twilio and VAPI…"));
    m_engine.sweepOrphans(false);
}

void OrphansView::releaseAll()
{
    if (m_orphans.isEmpty() || m_engine.isSweeping())
        return;
    QStringList lines;
    QStringList ids;
    double monthly = 0;
    for (const QJsonValue &v : std::as_const(m_orphans)) {
        const QJsonObject o = v.toObject();
        ids << o.value(QStringLiteral("id")).toString();
        lines << QStringLiteral("• %1 %2 (%3)").arg(kindTitle(o.value(QStringLiteral("kind")).toString()),
                                                   o.value(QStringLiteral("name")).toString().left(80),
                                                   o.value(QStringLiteral("id")).toString());
        monthly += o.value(QStringLiteral("monthlyCostUsd")).toDouble();
    }
    const int count = int(m_orphans.size());
    confirmDestructive(this,
                       {.title = tr("Release orphans"),
                        .question = tr("Release and delete these %n resource(s)? This cannot be undone.", nullptr, count),
                        .details = tr("Saves about %1 a month.").arg(QLocale(QLocale::English, QLocale::UnitedStates).toCurrencyString(monthly)),
                        .action = tr("Release %n", nullptr, count),
                        .detailedText = lines.join(QLatin1Char('\n'))},
                       this, [this, ids] {
                           if (m_engine.isSweeping())
                               return;
                           setBusy(true, tr("Releasing…"));
                           m_engine.sweepOrphans(true, ids); // exactly what the confirmation listed, nothing found since
                       });
}

void OrphansView::show(const QJsonObject &result, bool released, bool ok, const QString &error)
{
    m_model->removeRows(0, m_model->rowCount());
    m_orphans = {};
    const QJsonArray orphans = result.value(QStringLiteral("orphans")).toArray();
    int releasedCount = 0;
    double monthly = 0;
    for (const QJsonValue &v : orphans) {
        const QJsonObject o = v.toObject();
        const bool gone = o.value(QStringLiteral("released")).toBool();
        releasedCount += gone ? 1 : 0;
        if (!gone) {
            m_orphans.append(o);
            monthly += o.value(QStringLiteral("monthlyCostUsd")).toDouble();
        }
        const double cost = o.value(QStringLiteral("monthlyCostUsd")).toDouble();
        QList<QStandardItem *> row{
            new QStandardItem(kindTitle(o.value(QStringLiteral("kind")).toString()) + (gone ? tr(" (released)") : QString())),
            new QStandardItem(o.value(QStringLiteral("name")).toString()),
            new QStandardItem(o.value(QStringLiteral("id")).toString()),
            new QStandardItem(o.value(QStringLiteral("runId")).toString()),
            new QStandardItem(tr("%n day(s)", nullptr, o.value(QStringLiteral("ageDays")).toInt())),
            new QStandardItem(cost > 0 ? QLocale(QLocale::English, QLocale::UnitedStates).toCurrencyString(cost) : QString()),
        };
        m_model->appendRow(row);
    }
    setBusy(false, {});
    if (!ok) {
        m_summary->setText(tr("The sweep failed: %1. Check the configuration (Settings → Test configuration) and scan again.")
                               .arg(error));
    } else if (released) {
        m_summary->setText(m_orphans.isEmpty() ? tr("Released %n resource(s). Nothing is left over.", nullptr, releasedCount)
                                               : tr("Released %1; %2 could not be released — scan again to retry.")
                                                     .arg(releasedCount).arg(m_orphans.size()));
    } else if (orphans.isEmpty()) {
        m_summary->setText(tr("No orphans: every tagged number and assistant belongs to a configuration or a running setup."));
    } else {
        m_summary->setText(tr("%n orphan(s), about %1 a month.", nullptr, int(orphans.size()))
                               .arg(QLocale(QLocale::English, QLocale::UnitedStates).toCurrencyString(monthly)));
    }
    m_release->setEnabled(!m_orphans.isEmpty());
}

} // namespace oc
