#pragma once

#include "store/statsrepository.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace oc {

class BarChartCard;
class ConsoleEngine;
class StatTile;
class StatsLoader;
class Store;

// The state of every AI setup at a glance: organizations by setup state, the setup success rate, live runs,
// setup times, and which steps fail. Reads through a StatsLoader (own thread and connection), so the GUI never
// waits for the aggregates; refreshes itself while visible.
class DashboardView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    // `loadAtOnce` false: the first figures are read when the view is first shown (the console, where the
    // dashboard is a tab behind the organizations: its queries never compete with the first paint).
    explicit DashboardView(Store &store, QWidget *parent = nullptr, bool loadAtOnce = true);
    ~DashboardView() override;

    // While visible: refresh every `ms` (default 5000), or less often when the last read was slow (never more
    // than about 5 % of the time spent reading).
    void setRefreshInterval(int ms);
    int refreshInterval() const;

    const DashboardStats &stats() const { return m_stats; }
    bool hasStats() const { return m_hasStats; }
    StatTile *stateTile(SetupState state) const { return m_stateTiles.value(int(state)); }
    StatTile *successTile() const { return m_successTile; }
    StatTile *liveRunsTile() const { return m_liveTile; }
    StatTile *setupTimeTile() const { return m_timeTile; }
    StatTile *organizationsTile() const { return m_orgTile; }
    StatTile *assistantsBehindTile() const { return m_assistantsTile; }
    // Active setups × their country's local number price; "—" until the prices are there.
    StatTile *numberSpendTile() const { return m_spendTile; }
    // Where the number prices come from (the engine: its day-long cache, else Twilio Pricing, asynchronously).
    // Without one the spend tile says prices are not available.
    void setPriceSource(ConsoleEngine *engine);
    BarChartCard *failuresChart() const { return m_failures; }
    BarChartCard *setupTimeChart() const { return m_setupTimes; }
    QLabel *errorLabel() const { return m_error; }

    // A readable name for a pipeline step ("buy_number" → "Buy number"); the raw name for unknown steps.
    static QString stepLabel(const QString &step);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();
    void refreshFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void display(const DashboardStats &stats);
    void showError(const QString &message);
    void applyAccents();
    void scheduleNext();
    void showSpend();

    StatsLoader *m_loader;
    QTimer *m_timer;
    int m_interval = 5000;
    DashboardStats m_stats;
    bool m_hasStats = false;

    QHash<int, StatTile *> m_stateTiles;
    StatTile *m_orgTile;
    StatTile *m_successTile;
    StatTile *m_liveTile;
    StatTile *m_timeTile;
    StatTile *m_assistantsTile;
    StatTile *m_spendTile;
    ConsoleEngine *m_engine = nullptr;
    QHash<QString, double> m_prices;   // by ISO country, as the engine answered
    QStringList m_pricesAsked;         // the countries of the last ask, and when
    QDateTime m_pricesAskedAt;
    bool m_pricesPending = false;
    BarChartCard *m_failures;
    BarChartCard *m_setupTimes;
    QLabel *m_updated;
    QLabel *m_error;
    QPushButton *m_refresh;
};

} // namespace oc
