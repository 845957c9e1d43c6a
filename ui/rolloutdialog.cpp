#include "rolloutdialog.h"

#include "console/consoleengine.h"
#include "console/liverollout.h"
#include "dashboardcolors.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace oc {

namespace {

QString resultTitle(LiveRollout::State state)
{
    switch (state) {
    case LiveRollout::State::Waiting: return RolloutDialog::tr("Waiting");
    case LiveRollout::State::Succeeded: return RolloutDialog::tr("Updated");
    case LiveRollout::State::Unchanged: return RolloutDialog::tr("Already there");
    case LiveRollout::State::Failed: return RolloutDialog::tr("Failed");
    case LiveRollout::State::Canceled: return RolloutDialog::tr("Canceled");
    case LiveRollout::State::DryRun: return RolloutDialog::tr("Would change");
    }
    return {};
}

bool hasChanges(const QJsonObject &changes)
{
    return !changes.value(QLatin1String("inbound")).toArray().isEmpty() || !changes.value(QLatin1String("outbound")).toArray().isEmpty();
}

QString changesText(const QJsonObject &changes)
{
    QStringList parts;
    for (const auto &[key, title] : {std::pair{QStringLiteral("inbound"), RolloutDialog::tr("inbound")},
                                     std::pair{QStringLiteral("outbound"), RolloutDialog::tr("outbound")}}) {
        QStringList keys;
        for (const QJsonValue &k : changes.value(key).toArray())
            keys << k.toString();
        if (!keys.isEmpty())
            parts << RolloutDialog::tr("%1: %2").arg(title, keys.join(QStringLiteral(", ")));
    }
    return parts.isEmpty() ? RolloutDialog::tr("nothing to change") : parts.join(QStringLiteral("; "));
}

QString detailOf(const LiveRollout::Entry &e)
{
    const QJsonObject &a = e.answer;
    const qint64 to = a.value(QLatin1String("toVersion")).toInteger();
    const qint64 from = std::max<qint64>(1, a.value(QLatin1String("fromVersion")).toInteger());
    switch (e.state) {
    case LiveRollout::State::Waiting: return {};
    case LiveRollout::State::Succeeded: return RolloutDialog::tr("version %1 → %2").arg(from).arg(to);
    case LiveRollout::State::Unchanged: return RolloutDialog::tr("already at version %1").arg(to);
    case LiveRollout::State::DryRun: return changesText(a.value(QLatin1String("changes")).toObject());
    case LiveRollout::State::Canceled: return RolloutDialog::tr("canceled: what it had changed was put back");
    case LiveRollout::State::Failed: {
        QString text = a.value(QLatin1String("error")).toString();
        if (a.value(QLatin1String("status")).toString() == QLatin1String("needs_attention"))
            text = RolloutDialog::tr("needs attention: %1 — see its run in Runs").arg(text);
        return text;
    }
    }
    return {};
}

} // namespace

RolloutDialog::RolloutDialog(ConsoleEngine &engine, qint64 version, bool dryRun, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_model(new QStandardItemModel(0, ColumnCount, this)), m_table(new QTableView(this)),
      m_progress(new QProgressBar(this)), m_summary(new QLabel(this)), m_cancel(new QPushButton(tr("Cancel rollout"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setAttribute(Qt::WA_DeleteOnClose, false); // deleted when the rollout ends and the window is closed
    resize(760, 480);
    m_model->setHorizontalHeaderLabels({tr("Organization"), tr("Result"), tr("Details")});
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Organizations in this rollout"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(OrganizationColumn, 240);
    m_table->setColumnWidth(ResultColumn, 120);
    m_progress->setAccessibleName(tr("Rollout progress"));
    m_progress->setRange(0, 0); // busy until the plan is made
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("rolloutSummary"));
    m_summary->setText(tr("Finding the organizations…"));
    m_cancel->setToolTip(tr("Stop: organizations not finished yet get back what they had"));
    m_buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RolloutDialog::reject);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_rollout)
            return;
        m_engine.cancel(m_rollout);
        m_cancel->setEnabled(false);
        m_summary->setText(tr("Canceling: what was changed of organizations not finished yet is put back…"));
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    m_rollout = m_engine.rolloutAssistants(version, {}, dryRun, this);
    if (!m_rollout) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_cancel->setEnabled(false);
        m_summary->setText(tr("Nothing was rolled out: %1").arg(m_engine.configurationProblem()));
        setWindowTitle(tr("Assistant rollout"));
        return;
    }
    m_cancel->setEnabled(!dryRun);
    m_cancel->setVisible(!dryRun);
    connect(m_rollout, &LiveRollout::planned, this, &RolloutDialog::onPlanned);
    connect(m_rollout, &LiveRollout::entryChanged, this, &RolloutDialog::onEntry);
    connect(m_rollout, &LiveRollout::finished, this, &RolloutDialog::onFinished);
    updateTitle();
}

void RolloutDialog::updateTitle()
{
    const qint64 v = m_rollout->version();
    if (m_rollout->isDryRun())
        setWindowTitle(v > 0 ? tr("Dry run of assistant version %1").arg(v) : tr("Dry run of the rollback"));
    else if (m_rollout->isRollback())
        setWindowTitle(v > 0 ? tr("Rolling the assistants back to version %1").arg(v) : tr("Rolling the assistants back"));
    else
        setWindowTitle(tr("Rolling out assistant version %1").arg(v));
}

void RolloutDialog::onPlanned(int total)
{
    updateTitle();
    m_model->setRowCount(0);
    for (const LiveRollout::Entry &e : m_rollout->entries()) {
        auto *name = new QStandardItem(e.organizationName);
        name->setData(e.organizationId, Qt::UserRole);
        m_model->appendRow({name, new QStandardItem(resultTitle(e.state)), new QStandardItem});
    }
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(0);
    m_summary->setText(total ? tr("%n organization(s) to update…", nullptr, total) : tr("No organization has an active setup."));
}

void RolloutDialog::onEntry(int index)
{
    const LiveRollout::Entry &e = m_rollout->entries().at(index);
    m_model->item(index, ResultColumn)->setText(resultTitle(e.state));
    const QString detail = detailOf(e);
    m_model->item(index, DetailColumn)->setText(detail);
    m_model->item(index, DetailColumn)->setToolTip(detail);
    if (e.state == LiveRollout::State::Failed)
        m_model->item(index, ResultColumn)->setForeground(dashboardcolors::failureAccent(palette()));
    else if (e.state == LiveRollout::State::Succeeded)
        m_model->item(index, ResultColumn)->setForeground(dashboardcolors::successAccent(palette()));
    m_progress->setValue(m_rollout->ended());
    m_summary->setText(tr("%1 of %2 done…").arg(m_rollout->ended()).arg(m_rollout->entries().size()));
}

void RolloutDialog::onFinished()
{
    updateTitle();
    m_cancel->setEnabled(false);
    m_progress->setRange(0, std::max<int>(1, int(m_rollout->entries().size())));
    m_progress->setValue(m_progress->maximum());
    const QJsonObject &r = m_rollout->result();
    const int failed = m_rollout->count(LiveRollout::State::Failed);
    const int canceled = m_rollout->count(LiveRollout::State::Canceled);
    QString text;
    if (!m_rollout->isPlanned()) {
        m_progress->setValue(0);
        text = tr("Nothing was rolled out: %1").arg(m_rollout->errorMessage());
    } else if (m_rollout->isDryRun()) {
        const int changing = int(std::count_if(m_rollout->entries().cbegin(), m_rollout->entries().cend(), [](const LiveRollout::Entry &e) {
            return e.state == LiveRollout::State::DryRun && hasChanges(e.answer.value(QLatin1String("changes")).toObject());
        }));
        text = tr("Dry run: %1 organization(s) would change, %2 are already at version %3, %4 could not be read. Nothing was changed.")
                   .arg(changing)
                   .arg(m_rollout->count(LiveRollout::State::Unchanged))
                   .arg(m_rollout->version())
                   .arg(failed);
    } else {
        text = tr("Version %1: %2 updated, %3 already there, %4 failed, %5 canceled.")
                   .arg(m_rollout->version())
                   .arg(r.value(QLatin1String("succeeded")).toInt())
                   .arg(r.value(QLatin1String("unchanged")).toInt())
                   .arg(failed)
                   .arg(canceled);
        if (failed)
            text += QLatin1Char(' ') + tr("The failed ones kept their assistants as they were: fix the cause and roll out again — "
                                          "organizations already at the version are left alone.");
        else if (r.value(QLatin1String("madeCurrent")).toBool())
            text += QLatin1Char(' ') + tr("New setups use version %1.").arg(m_rollout->version());
    }
    m_summary->setText(text);
    Q_EMIT rolloutFinished();
    if (!isVisible())
        deleteLater();
}

void RolloutDialog::reject()
{
    QDialog::reject();
    // A running rollout goes on without its window; the window goes when it ends.
    if (!m_rollout || m_rollout->isFinished())
        deleteLater();
}

} // namespace oc
