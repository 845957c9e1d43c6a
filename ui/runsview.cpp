#include "runsview.h"

#include "console/consoleengine.h"
#include "console/liverun.h"
#include "pipeline/leaseowner.h"
#include "store/workerrepository.h"
#include "runsmodel.h"
#include "stepprogressdelegate.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTime>
#include <QTimer>

#include <algorithm>

namespace oc {

namespace {

void styleTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

} // namespace

RunsView::RunsView(ConsoleEngine &engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    m_runsModel = new RunsModel(engine, this);
    m_stepsModel = new StepsModel(this);

    m_runs = new QTableView(this);
    m_runs->setModel(m_runsModel);
    m_runs->setAccessibleName(tr("Runs"));
    styleTable(m_runs);
    // The organization takes what the other columns leave. Those are sized once: first from their headers and
    // the texts a running row shows, then, when the first rows arrive, to their contents — and then they stay
    // put; the user resizes them. Not ResizeToContents: that measures every row on every change, and 200 live
    // runs changing several times a second stalled the event loop for seconds (and made the columns jump).
    m_runs->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_runs->horizontalHeader()->setSectionResizeMode(RunsModel::OrganizationColumn, QHeaderView::Stretch);
    {
        const QFontMetrics fm = m_runs->fontMetrics();
        // What the item delegate adds around the text (focus-frame margins on both sides, the grid line).
        const int pad = 2 * (m_runs->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_runs) + 1) + 4;
        const auto widest = [this, &fm, pad](int column, const QStringList &texts) {
            int w = fm.horizontalAdvance(m_runsModel->headerData(column, Qt::Horizontal).toString());
            for (const QString &t : texts)
                w = std::max(w, fm.horizontalAdvance(t));
            return w + pad;
        };
        const int icon = m_runs->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_runs) + pad / 2;
        m_runs->setColumnWidth(RunsModel::OperationColumn,
                               widest(RunsModel::OperationColumn, {LiveRun::kindTitle(LiveRun::Kind::Approve),
                                                                   LiveRun::kindTitle(LiveRun::Kind::Retry),
                                                                   LiveRun::kindTitle(LiveRun::Kind::Cleanup),
                                                                   LiveRun::kindTitle(LiveRun::Kind::ResendEmail)}));
        // A running row's state, and how most runs end; a longer ending ("Canceled — rolled back") is elided,
        // with the whole of it in the tooltip.
        m_runs->setColumnWidth(RunsModel::StateColumn,
                               widest(RunsModel::StateColumn, {RunsModel::tr("Canceling…"), RunsModel::tr("Queued"),
                                                               RunsModel::tr("%1 of %2 steps").arg(88).arg(88),
                                                               LiveRun::outcomeName(LiveRun::Outcome::Succeeded)}) + icon);
        m_runs->setColumnWidth(RunsModel::StartedColumn,
                               widest(RunsModel::StartedColumn, {QLocale().toString(QTime(23, 59, 59), QLocale::ShortFormat)}));
        m_runs->setColumnWidth(RunsModel::DurationColumn, widest(RunsModel::DurationColumn, {formatDuration(9 * 60000 + 59000)}));
        // Who started a run and where it runs are free text: their headers until the rows say more.
        m_runs->setColumnWidth(RunsModel::StartedByColumn, widest(RunsModel::StartedByColumn, {}));
        m_runs->setColumnWidth(RunsModel::WhereColumn, widest(RunsModel::WhereColumn, {QCoreApplication::translate("oc::ConsoleEngine", "this console")}));
    }
    connect(m_runsModel, &QAbstractItemModel::rowsInserted, this, &RunsView::fitColumnsOnce);
    fitColumnsOnce();

    // The queue and the workers alive (team mode), every few seconds.
    m_queue = new QLabel(tr("Queue: —"), this);
    m_queue->setAccessibleName(tr("Queue"));
    connect(&engine, &ConsoleEngine::queueChanged, this, [this](qint64 queued, const QList<WorkerInfo> &workers) {
        int running = 0, slots = 0;
        QStringList lines;
        for (const WorkerInfo &w : workers) {
            running += w.running;
            slots += w.concurrency;
            lines << tr("%1 on %2 (%3): %4 of %5 running, heartbeat %6 s ago")
                         .arg(w.kind, pipeline::LeaseOwner::describe(w.id), w.actor)
                         .arg(w.running)
                         .arg(w.concurrency)
                         .arg(QLocale().toString(w.heartbeatAgeMs / 1000.0, 'f', 1));
        }
        m_queue->setText(tr("%n queued", nullptr, int(std::min<qint64>(queued, INT_MAX))) + QStringLiteral(" · ")
                         + tr("%n worker(s) alive", nullptr, int(workers.size()))
                         + (workers.isEmpty() ? QString() : tr(", %1 of %2 running").arg(running).arg(slots)));
        m_queue->setToolTip(workers.isEmpty() ? tr("No worker or console is setting up queued approvals: start orgctl worker, "
                                                   "or set Settings → Defaults → Team")
                                              : lines.join(QLatin1Char('\n')));
    });

    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overall = new QProgressBar(this);
    m_overall->setAccessibleName(tr("Overall progress"));
    m_overall->setFormat(tr("%v of %m steps"));

    m_steps = new QTableView(this);
    m_steps->setModel(m_stepsModel);
    m_steps->setAccessibleName(tr("Steps of the selected run"));
    styleTable(m_steps);
    m_steps->setItemDelegateForColumn(StepsModel::ProgressColumn, new StepProgressDelegate(m_steps));
    m_steps->horizontalHeader()->setSectionResizeMode(StepsModel::StateColumn, QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(StepsModel::StepColumn, QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(StepsModel::AttemptColumn, QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(StepsModel::DetailColumn, QHeaderView::Stretch);
    m_steps->setColumnWidth(StepsModel::ProgressColumn, m_steps->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 18);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Run log"));
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("What happens in the selected run is logged here, with timestamps."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_log->setFont(mono);

    m_cancel = new QPushButton(tr("&Cancel run"), this);
    m_cancel->setToolTip(tr("Stop this run and remove what it created so far"));
    m_retry = new QPushButton(tr("&Retry…"), this);
    m_retry->setToolTip(tr("Clean up what the failed run left and set up again"));
    m_cleanup = new QPushButton(tr("C&lean up…"), this);
    m_cleanup->setToolTip(tr("Release the number, delete the assistants and the configuration"));
    m_resend = new QPushButton(tr("Resend &e-mail"), this);
    m_resend->setToolTip(tr("Send the approval e-mail to the owner again"));
    for (QPushButton *b : {m_cancel, m_retry, m_cleanup, m_resend})
        b->setAccessibleName(b->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_retry);
    buttons->addWidget(m_cleanup);
    buttons->addWidget(m_resend);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(8, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_summary);
    detailLayout->addWidget(m_overall);
    auto *stepsAndLog = new QSplitter(Qt::Vertical, detail);
    stepsAndLog->addWidget(m_steps);
    stepsAndLog->addWidget(m_log);
    stepsAndLog->setStretchFactor(0, 3);
    stepsAndLog->setStretchFactor(1, 2);
    detailLayout->addWidget(stepsAndLog, 1);
    detailLayout->addLayout(buttons);

    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_queue);
    listLayout->addWidget(m_runs, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(list);
    split->addWidget(detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    // Sizes are proportions until the window is laid out: these give the list its width in a 1280 px window —
    // its columns and room for an organization's name of some 25 characters; the steps get the rest.
    int listWidth = m_runs->fontMetrics().horizontalAdvance(u'M') * 18 + 2 * m_runs->frameWidth();
    for (int column = 0; column < RunsModel::ColumnCount; ++column)
        listWidth += column == RunsModel::OrganizationColumn ? 0 : m_runs->columnWidth(column);
    listWidth = std::max(480, listWidth);
    split->setSizes({listWidth, std::max(520, 1280 - 2 * 6 - split->handleWidth() - listWidth)});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(split);

    m_ticker = new QTimer(this);
    m_ticker->setInterval(200);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        m_runsModel->tick();
        m_stepsModel->tick();
        if (m_engine.liveRunCount() == 0)
            m_ticker->stop();
    });
    connect(&engine, &ConsoleEngine::runAdded, this, [this] { m_ticker->start(); });
    connect(&engine, &ConsoleEngine::runFinished, this, [this](LiveRun *run) {
        if (run == m_current)
            updateHeader();
    });
    connect(&engine, &ConsoleEngine::organizationChanged, this, [this] { updateHeader(); });
    connect(m_runs->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsView::onCurrentRowChanged);
    connect(m_cancel, &QPushButton::clicked, this, &RunsView::requestCancel);
    connect(m_retry, &QPushButton::clicked, this, [this] { if (m_current) Q_EMIT retryRequested(m_current); });
    connect(m_cleanup, &QPushButton::clicked, this, [this] { if (m_current) Q_EMIT cleanupRequested(m_current); });
    connect(m_resend, &QPushButton::clicked, this, [this] { if (m_current) Q_EMIT resendRequested(m_current); });
    updateHeader();
}

void RunsView::fitColumnsOnce()
{
    if (m_columnsFitted || m_runsModel->rowCount() == 0)
        return;
    m_columnsFitted = true;
    // Measured on the next turn: a burst of runs (a bulk approval, a team's runs loading) is measured together.
    QTimer::singleShot(0, this, [this] {
        QHeaderView *header = m_runs->horizontalHeader();
        // Free text (a user, a host and pid) may take a fair share, never the organization's.
        const int cap = m_runs->fontMetrics().horizontalAdvance(u'M') * 14;
        for (int column = 0; column < RunsModel::ColumnCount; ++column) {
            if (column == RunsModel::OrganizationColumn)
                continue;
            int content = std::max(static_cast<const QAbstractItemView *>(m_runs)->sizeHintForColumn(column),
                                   header->sectionSizeHint(column));
            if (column == RunsModel::StartedByColumn || column == RunsModel::WhereColumn)
                content = std::min(content, cap);
            m_runs->setColumnWidth(column, std::max(m_runs->columnWidth(column), content));
        }
    });
}

LiveRun *RunsView::currentRun() const
{
    return m_current;
}

void RunsView::showRun(LiveRun *run)
{
    const int row = m_runsModel->rowOf(run);
    if (row >= 0)
        m_runs->setCurrentIndex(m_runsModel->index(row, 0));
}

void RunsView::onCurrentRowChanged()
{
    LiveRun *run = m_runsModel->runAt(m_runs->currentIndex().row());
    if (run == m_current)
        return;
    disconnect(m_logConnection);
    disconnect(m_changedConnection);
    m_current = run;
    m_stepsModel->setRun(run);
    m_log->clear();
    if (run) {
        for (const auto &line : run->log())
            appendLog(line.at, line.text, line.error);
        m_logConnection = connect(run, &LiveRun::logAppended, this,
                                  [this](const LiveRun::LogLine &line) { appendLog(line.at, line.text, line.error); });
        m_changedConnection = connect(run, &LiveRun::changed, this, &RunsView::updateHeader);
    }
    updateHeader();
}

void RunsView::appendLog(const QDateTime &at, const QString &text, bool error)
{
    const QString stamp = at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    m_log->appendPlainText(QStringLiteral("%1  %2%3").arg(stamp, error ? QStringLiteral("✖ ") : QString(), text));
}

void RunsView::updateHeader()
{
    LiveRun *run = m_current;
    if (!run) {
        m_title->setText(m_engine.runs().isEmpty() ? tr("No runs yet") : tr("Select a run"));
        m_summary->setText(m_engine.runs().isEmpty()
                               ? tr("Approve an organization (Organizations tab, Ctrl+Return) and its setup appears here, step by step.")
                               : QString());
        m_overall->setRange(0, 1);
        m_overall->setValue(0);
        for (QPushButton *b : {m_cancel, m_retry, m_cleanup, m_resend})
            b->setEnabled(false);
        return;
    }
    m_title->setText(QStringLiteral("%1 — %2").arg(run->companyName().left(120), run->kindTitle()));
    QString summary;
    if (!run->isFinished()) {
        summary = run->isCancelRequested() ? tr("Canceling: removing what was created so far…") : tr("Running…");
    } else if (run->outcome() == LiveRun::Outcome::Succeeded) {
        summary = run->phoneNumber().isEmpty() ? tr("Finished successfully.") : tr("Active with %1.").arg(run->phoneNumber());
        if (!run->warnings().isEmpty())
            summary += QLatin1Char(' ') + tr("Warning: %1").arg(run->warnings().join(QStringLiteral("; ")));
    } else {
        summary = QStringLiteral("%1: %2").arg(LiveRun::outcomeName(run->outcome()), run->errorMessage());
        if (!summary.endsWith(QLatin1Char('.')))
            summary += QLatin1Char('.');
        if (run->outcome() == LiveRun::Outcome::NeedsAttention)
            summary += QLatin1Char(' ') + tr("Some resources could not be removed — Clean up or Retry removes them.");
        else if (run->kind() != LiveRun::Kind::Cleanup && run->kind() != LiveRun::Kind::ResendEmail)
            summary += QLatin1Char(' ') + tr("Nothing was left behind. Retry, perhaps with another area code.");
    }
    if (!run->runId().isEmpty())
        summary += QLatin1Char('\n') + tr("Run %1").arg(run->runId());
    m_summary->setText(summary);
    m_overall->setRange(0, std::max<int>(1, int(run->steps().size())));
    m_overall->setValue(run->isFinished() ? m_overall->maximum() : run->stepsDone());

    const bool provisioning = run->kind() == LiveRun::Kind::Approve || run->kind() == LiveRun::Kind::Retry;
    const bool orgBusy = m_engine.liveRunFor(run->organizationId()) != nullptr;
    const auto outcome = run->outcome();
    m_cancel->setEnabled(ConsoleEngine::canCancel(run));
    m_retry->setEnabled(run->isFinished() && !orgBusy && provisioning && outcome != LiveRun::Outcome::Succeeded);
    m_cleanup->setEnabled(run->isFinished() && !orgBusy &&
                          ((provisioning && outcome == LiveRun::Outcome::Succeeded) || outcome == LiveRun::Outcome::NeedsAttention ||
                           (run->kind() == LiveRun::Kind::Cleanup && outcome != LiveRun::Outcome::Succeeded)));
    m_resend->setEnabled(run->isFinished() && !orgBusy && outcome == LiveRun::Outcome::Succeeded &&
                         run->kind() != LiveRun::Kind::Cleanup);
}

void RunsView::requestCancel()
{
    LiveRun *run = m_current;
    if (!ConsoleEngine::canCancel(run))
        return;
    const QString question =
        run->isQueued() ? tr("Cancel the queued setup of %1?\n\nNothing has been bought for it yet.").arg(run->companyName().left(200))
        : run->isRemote()
            ? tr("Ask %1 to cancel the setup of %2?\n\nIt stops and releases and deletes what it created so far.")
                  .arg(run->owner(), run->companyName().left(200))
            : tr("Cancel the setup of %1?\n\nWhat it created so far — a purchased number, assistants — is released and deleted.")
                  .arg(run->companyName().left(200));
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel run"), question, QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    box->setEscapeButton(QMessageBox::No);
    // Answered later: the run may have finished, been deselected or be gone by then.
    connect(box, &QDialog::finished, this, [this, box, run = QPointer<LiveRun>(run)] {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && run && m_current == run && ConsoleEngine::canCancel(run))
            m_engine.cancel(run);
        updateHeader();
    });
    box->open();
}

} // namespace oc
