#include "dashboardview.h"

#include "barchartcard.h"
#include "console/consoleengine.h"
#include "dashboardcolors.h"
#include "stattile.h"
#include "provisioning/stepnames.h"
#include "store/statsloader.h"
#include "store/store.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace oc {

namespace {

QString seconds(qint64 ms)
{
    const double s = double(ms) / 1000.0;
    return DashboardView::tr("%1 s").arg(QLocale().toString(s, 'f', s < 10 ? 1 : 0));
}

QString percent(double fraction)
{
    return DashboardView::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

QString stateTitle(SetupState state)
{
    switch (state) {
    case SetupState::Active: return DashboardView::tr("Active");
    case SetupState::Provisioning: return DashboardView::tr("Provisioning");
    case SetupState::NeedsAttention: return DashboardView::tr("Needs attention");
    case SetupState::Failed: return DashboardView::tr("Failed");
    case SetupState::None: return DashboardView::tr("No AI setup");
    }
    return {};
}

QString bucketLabel(const SetupTimeBucket &b)
{
    auto s = [](qint64 ms) { return QLocale().toString(double(ms) / 1000.0, 'g', 3); };
    if (!b.toMs)
        return DashboardView::tr("≥ %1 s").arg(s(b.fromMs));
    if (b.fromMs == 0)
        return DashboardView::tr("< %1 s").arg(s(*b.toMs));
    return DashboardView::tr("%1–%2 s").arg(s(b.fromMs), s(*b.toMs));
}

} // namespace

QString DashboardView::stepLabel(const QString &step)
{
    static const QHash<QString, const char *> labels{
        {steps::kSearchNumber, QT_TR_NOOP("Search number")},
        {steps::kBuyNumber, QT_TR_NOOP("Buy number")},
        {steps::kCreateInbound, QT_TR_NOOP("Inbound assistant")},
        {steps::kCreateOutbound, QT_TR_NOOP("Outbound assistant")},
        {steps::kRegisterNumber, QT_TR_NOOP("Register number")},
        {steps::kSaveConfig, QT_TR_NOOP("Save configuration")},
        {steps::kRemoveDuplicateAssistants, QT_TR_NOOP("Remove duplicates")},
        {steps::kRemoveDuplicateRegistrations, QT_TR_NOOP("Remove duplicate registrations")},
        {steps::kSendEmail, QT_TR_NOOP("Send e-mail")},
    };
    if (step.isEmpty())
        return tr("Before any step");
    const char *label = labels.value(step);
    return label ? tr(label) : step;
}

DashboardView::DashboardView(Store &store, QWidget *parent, bool loadAtOnce)
    : QWidget(parent), m_loader(new StatsLoader(store.database().url(), this)), m_timer(new QTimer(this)),
      m_orgTile(new StatTile(tr("Organizations"))), m_successTile(new StatTile(tr("Setup success rate"))),
      m_liveTile(new StatTile(tr("Live runs"))), m_timeTile(new StatTile(tr("Median setup time"))),
      m_assistantsTile(new StatTile(tr("Assistants behind"))), m_spendTile(new StatTile(tr("Monthly number spend"))),
      m_failures(new BarChartCard(tr("Failed setups by step"), Qt::Horizontal)),
      m_setupTimes(new BarChartCard(tr("Setup time of successful setups"), Qt::Vertical)), m_updated(new QLabel),
      m_error(new QLabel), m_refresh(new QPushButton(tr("Refresh")))
{
    setAccessibleName(tr("Dashboard"));
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &DashboardView::refresh);
    connect(m_loader, &StatsLoader::loaded, this, &DashboardView::display);
    connect(m_loader, &StatsLoader::failed, this, &DashboardView::showError);
    connect(m_refresh, &QPushButton::clicked, this, &DashboardView::refresh);
    m_refresh->setAccessibleName(tr("Refresh the dashboard"));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(12);

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("AI setups"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    header->addWidget(title);
    header->addStretch(1);
    m_updated->setAccessibleName(tr("Last update"));
    header->addWidget(m_updated);
    header->addWidget(m_refresh);
    layout->addLayout(header);

    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setAccessibleName(tr("Dashboard error"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_error);

    auto *states = new QHBoxLayout;
    states->setSpacing(12);
    for (SetupState state : {SetupState::Active, SetupState::Provisioning, SetupState::NeedsAttention, SetupState::Failed,
                             SetupState::None}) {
        auto *tile = new StatTile(stateTitle(state));
        tile->setObjectName(QStringLiteral("tile-") + statusName(state));
        m_stateTiles.insert(int(state), tile);
        states->addWidget(tile, 1);
    }
    layout->addLayout(states);

    auto *figures = new QHBoxLayout;
    figures->setSpacing(12);
    for (StatTile *tile : {m_orgTile, m_successTile, m_liveTile, m_timeTile, m_assistantsTile, m_spendTile})
        figures->addWidget(tile, 1);
    m_spendTile->setObjectName(QStringLiteral("tile-number-spend"));
    m_assistantsTile->setObjectName(QStringLiteral("tile-assistants-behind"));
    m_orgTile->setObjectName(QStringLiteral("tile-organizations"));
    m_successTile->setObjectName(QStringLiteral("tile-success"));
    m_liveTile->setObjectName(QStringLiteral("tile-live"));
    m_timeTile->setObjectName(QStringLiteral("tile-setup-time"));
    layout->addLayout(figures);

    auto *charts = new QHBoxLayout;
    charts->setSpacing(12);
    m_failures->setObjectName(QStringLiteral("chart-failures"));
    m_failures->setEmptyText(tr("No setup has failed."));
    m_setupTimes->setObjectName(QStringLiteral("chart-setup-times"));
    m_setupTimes->setEmptyText(tr("No setup has succeeded yet."));
    charts->addWidget(m_failures, 1);
    charts->addWidget(m_setupTimes, 1);
    layout->addLayout(charts, 1);

    // Scrolls rather than squeezes the charts when the window is small.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_updated->setText(tr("Loading…"));
    applyAccents();
    if (loadAtOnce)
        refresh();
}

DashboardView::~DashboardView() = default;

void DashboardView::setRefreshInterval(int ms)
{
    m_interval = std::max(10, ms);
    if (m_timer->isActive())
        scheduleNext();
}

int DashboardView::refreshInterval() const
{
    return m_interval;
}

void DashboardView::refresh()
{
    m_timer->stop();
    m_loader->request();
}

void DashboardView::scheduleNext()
{
    if (!isVisible())
        return;
    // A slow store (a million rows on a busy server) is read less often, never hammered.
    m_timer->start(int(std::clamp<qint64>(m_stats.queryMs * 20, m_interval, 10 * 60 * 1000)));
}

void DashboardView::display(const DashboardStats &stats)
{
    m_stats = stats;
    m_hasStats = true;
    m_error->setVisible(false);
    const QLocale locale;
    const qint64 total = stats.organizations;
    for (SetupState state : kAllSetupStates) {
        const qint64 n = stats.organizationsIn(state);
        m_stateTiles.value(int(state))->setValue(locale.toString(n), total ? tr("%1 of organizations").arg(percent(double(n) / double(total)))
                                                                         : tr("no organizations yet"));
    }
    m_orgTile->setValue(locale.toString(total), tr("%1 new in the last 7 days").arg(locale.toString(stats.newOrganizations)));
    if (const auto rate = stats.successRate())
        m_successTile->setValue(percent(*rate), tr("%1 of %2 finished setups succeeded")
                                                    .arg(locale.toString(stats.succeededRuns), locale.toString(stats.finishedRuns())));
    else
        m_successTile->setValue(QStringLiteral("–"), tr("No setup has finished yet"));
    m_liveTile->setValue(locale.toString(stats.liveRuns()), tr("%1 running · %2 rolling back")
                                                              .arg(locale.toString(stats.runningRuns), locale.toString(stats.compensatingRuns)));
    if (stats.medianSetupMs)
        m_timeTile->setValue(seconds(*stats.medianSetupMs), tr("95 % within %1 · %2 setups timed")
                                                                .arg(seconds(stats.p95SetupMs.value_or(0)), locale.toString(stats.timedRuns)));
    else
        m_timeTile->setValue(QStringLiteral("–"), tr("No setup has succeeded yet"));
    if (stats.currentAssistantVersion > 0)
        m_assistantsTile->setValue(locale.toString(stats.assistantsBehind),
                                   stats.assistantsBehind ? tr("active setups not at version %1 — roll it out in Settings → Assistants")
                                                                .arg(stats.currentAssistantVersion)
                                                          : tr("every active setup is at version %1").arg(stats.currentAssistantVersion));
    else
        m_assistantsTile->setValue(QStringLiteral("0"), tr("no assistant template version yet"));

    showSpend();

    QStringList steps;
    QList<qreal> failures;
    for (const StepFailures &f : stats.failuresByStep) {
        steps << stepLabel(f.step);
        failures << qreal(f.count);
    }
    m_failures->setBars(steps, failures);
    m_failures->setFooter(stats.failedRuns() ? tr("%1 failed setups: %2 rolled back, %3 need attention, %4 canceled")
                                                   .arg(locale.toString(stats.failedRuns()), locale.toString(stats.rolledBackRuns),
                                                        locale.toString(stats.needsAttentionRuns), locale.toString(stats.canceledRuns))
                                             : QString());
    QStringList buckets;
    QList<qreal> counts;
    for (const SetupTimeBucket &b : stats.setupTimes) {
        buckets << bucketLabel(b);
        counts << qreal(b.count);
    }
    m_setupTimes->setBars(buckets, counts);
    m_setupTimes->setFooter(stats.medianSetupMs ? tr("Median %1 · 95th percentile %2 · measured to the saved configuration")
                                                      .arg(seconds(*stats.medianSetupMs), seconds(stats.p95SetupMs.value_or(0)))
                                                : QString());
    m_updated->setText(tr("Updated %1").arg(stats.measuredAt.toLocalTime().time().toString(QStringLiteral("HH:mm:ss"))));
    m_updated->setToolTip(tr("Read in %1 ms").arg(stats.queryMs));
    scheduleNext();
    Q_EMIT refreshed();
}

void DashboardView::setPriceSource(ConsoleEngine *engine)
{
    m_engine = engine;
    if (m_hasStats)
        showSpend();
}

void DashboardView::showSpend()
{
    const QLocale locale;
    QStringList countries = m_stats.activeNumbersByCountry.keys();
    countries.removeAll(QStringLiteral("?"));
    countries.sort();
    qint64 numbers = 0;
    for (auto it = m_stats.activeNumbersByCountry.cbegin(); it != m_stats.activeNumbersByCountry.cend(); ++it)
        numbers += it.value();
    if (numbers == 0) {
        m_spendTile->setValue(QStringLiteral("$0.00"), tr("no active numbers"));
        return;
    }
    // Prices are asked for when a country is new here, and again after an hour (the engine's cache keeps
    // them a day; asking it costs no vendor call then).
    const bool stale = !m_pricesAskedAt.isValid() || m_pricesAskedAt.secsTo(QDateTime::currentDateTimeUtc()) > 3600;
    const bool newCountry = std::any_of(countries.cbegin(), countries.cend(), [this](const QString &c) { return !m_pricesAsked.contains(c); });
    if (m_engine && !m_pricesPending && (stale || newCountry)) {
        m_pricesPending = true;
        m_pricesAsked = countries;
        m_pricesAskedAt = QDateTime::currentDateTimeUtc();
        m_engine->numberPrices(countries, this, [this](const QHash<QString, double> &prices) {
            m_pricesPending = false;
            for (auto it = prices.cbegin(); it != prices.cend(); ++it)
                m_prices.insert(it.key(), it.value());
            showSpend();
        });
    }
    double spend = 0;
    QStringList unpriced;
    for (auto it = m_stats.activeNumbersByCountry.cbegin(); it != m_stats.activeNumbersByCountry.cend(); ++it) {
        if (m_prices.contains(it.key()))
            spend += m_prices.value(it.key()) * double(it.value());
        else
            unpriced << it.key();
    }
    if (!unpriced.isEmpty() && unpriced.size() == m_stats.activeNumbersByCountry.size()) {
        m_spendTile->setValue(QStringLiteral("—"), !m_engine ? tr("number prices are not available")
                                                   : m_pricesPending ? tr("loading prices for %n number(s)…", nullptr, int(numbers))
                                                                     : tr("no price known for these numbers"));
        return;
    }
    const QString money = QLocale(QLocale::English, QLocale::UnitedStates).toCurrencyString(spend);
    unpriced.sort();
    m_spendTile->setValue(money, unpriced.isEmpty() ? tr("%1 active numbers in %n country(ies)", nullptr, int(countries.size()))
                                                          .arg(locale.toString(numbers))
                                                    : tr("%1 active numbers; no price yet for %2")
                                                          .arg(locale.toString(numbers), unpriced.join(QStringLiteral(", "))));
}

void DashboardView::showError(const QString &message)
{
    m_error->setText(tr("Could not read the dashboard: %1. The numbers shown may be out of date; it tries again "
                        "on its own — check the database connection if this persists.").arg(message));
    m_error->setVisible(true);
    scheduleNext();
    Q_EMIT refreshFailed(message);
}

void DashboardView::applyAccents()
{
    const QPalette pal = palette();
    for (SetupState state : kAllSetupStates)
        m_stateTiles.value(int(state))->setAccent(dashboardcolors::stateAccent(state, pal));
    m_orgTile->setAccent(dashboardcolors::neutralAccent(pal));
    m_successTile->setAccent(dashboardcolors::successAccent(pal));
    m_liveTile->setAccent(dashboardcolors::stateAccent(SetupState::Provisioning, pal));
    m_timeTile->setAccent(pal.color(QPalette::Highlight));
    m_spendTile->setAccent(dashboardcolors::neutralAccent(pal));
    m_failures->setAccent(dashboardcolors::failureAccent(pal));
    m_setupTimes->setAccent(dashboardcolors::stateAccent(SetupState::Provisioning, pal));
    // The error banner: the failure accent as text on the window, which both variants are chosen to contrast.
    QPalette banner = pal;
    banner.setColor(QPalette::WindowText, dashboardcolors::failureAccent(pal));
    m_error->setPalette(banner);
    QPalette secondary = pal;
    secondary.setColor(QPalette::WindowText, dashboardcolors::secondaryText(pal));
    m_updated->setPalette(secondary);
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the dashboard shows fresh numbers at once.
    if (!m_loader->busy())
        refresh();
}

void DashboardView::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyAccents();
    QWidget::changeEvent(event);
}

} // namespace oc
