#include "runsview.h"

#include "console/consoleengine.h"
#include "console/liverun.h"
#include "pipeline/leaseowner.h"
#include "store/workerrepository.h"
#include "runsmodel.h"
#include "stepprogressdelegate.h"

#include <QBoxLayout>
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

// The runs list's width: a row's state, operation, time and duration in this language (they size to their
// contents; German states are a third longer than English ones) and room for the organization's name.
int runsListWidth(const QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    const QFontMetrics fm = view->fontMetrics();
    const int em = fm.horizontalAdvance(u'M');
    const auto widest = [&](int column, const QStringList &texts) {
        int width = fm.horizontalAdvance(model->headerData(column, Qt::Horizontal).toString());
        for (const QString &text : texts)
            width = std::max(width, fm.horizontalAdvance(text));
        return width + em; // cell margins
    };
    using K = LiveRun::Kind;
    using O = LiveRun::Outcome;
    QStringList states;
    for (O outcome : {O::Succeeded, O::Failed, O::Canceled, O::NeedsAttention})
        states << LiveRun::outcomeName(outcome);
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view) + em / 2;
    return em * 10 // the name, elided beyond
        + widest(RunsModel::OperationColumn, {LiveRun::kindTitle(K::Approve), LiveRun::kindTitle(K::Retry),
                                              LiveRun::kindTitle(K::Cleanup), LiveRun::kindTitle(K::ResendEmail)})
        + widest(RunsModel::StateColumn, states) + icon
        + em * 18 // started by, where
        + widest(RunsModel::StartedColumn, {QLocale().toString(QTime(23, 59), QLocale::ShortFormat)})
        + widest(RunsModel::DurationColumn, {formatDuration(59'900)}) + 2 * view->frameWidth();
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
    m_runs->horizontalHeader()->setSectionResizeMode(RunsModel::OrganizationColumn, QHeaderView::Stretch);
    // Widths from the longest text each column can hold, not ResizeToContents: that measures every row on
    // every change, and 200 live runs changing several times a second stalled the event loop for seconds.
    {
        const QFontMetrics fm = m_runs->fontMetrics();
        // What the item delegate adds around the text (focus-frame margins on both sides, the grid line).
        const int pad = 2 * (m_runs->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_runs) + 1) + 4;
        const auto widest = [this, &fm](int column, const QStringList &texts) {
            int w = fm.horizontalAdvance(m_runsModel->headerData(column, Qt::Horizontal).toString());
            for (const QString &t : texts)
                w = std::max(w, fm.horizontalAdvance(t));
            return w;
        };
        QStringList operations, states{RunsModel::tr("Canceling…"), RunsModel::tr("%1 of %2 steps").arg(88).arg(88)};
        for (auto kind : {LiveRun::Kind::Approve, LiveRun::Kind::Retry, LiveRun::Kind::Cleanup, LiveRun::Kind::ResendEmail})
            operations << LiveRun(kind, 0, {}).kindTitle();
        for (auto outcome : {LiveRun::Outcome::Running, LiveRun::Outcome::Succeeded, LiveRun::Outcome::Failed,
                             LiveRun::Outcome::Canceled, LiveRun::Outcome::NeedsAttention})
            states << LiveRun::outcomeName(outcome);
        const int icon = m_runs->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_runs) + 2 * pad;
        m_runs->setColumnWidth(RunsModel::OperationColumn, widest(RunsModel::OperationColumn, operations) + pad);
        m_runs->setColumnWidth(RunsModel::StateColumn, widest(RunsModel::StateColumn, states) + icon + pad);
        m_runs->setColumnWidth(RunsModel::StartedColumn,
                               widest(RunsModel::StartedColumn, {QLocale().toString(QTime(23, 59, 59), QLocale::ShortFormat)}) + pad);
        m_runs->setColumnWidth(RunsModel::DurationColumn, widest(RunsModel::DurationColumn, {formatDuration(9 * 60000 + 59000)}) + pad);
        const int em = fm.horizontalAdvance(u'M');
        m_runs->setColumnWidth(RunsModel::StartedByColumn, std::max(widest(RunsModel::StartedByColumn, {}), em * 8) + pad);
        m_runs->setColumnWidth(RunsModel::WhereColumn,
                               std::max(widest(RunsModel::WhereColumn, {RunsModel::tr("waiting for a worker")}), em * 9) + pad);
    }

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
    // Sizes are proportions until the window is laid out: these give the list its width in a 1280 px window.
    const int listWidth = std::max(480, runsListWidth(m_runs));
    split->setSizes({listWidth, std::max(600, 1280 - listWidth)});
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
