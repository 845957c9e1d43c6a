#include "barchartcard.h"
#include "dashboardcolors.h"
#include "dashboardview.h"
#include "setuphistory.h"
#include "stattile.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using namespace oc;

class TestDashboardView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;

    qint64 addOrg(const QString &name)
    {
        auto id = m_store->organizations().add({name, QStringLiteral("owner@%1.example").arg(name.toLower()), {}, {},
                                                OrgStatus::Verified, {}});
        return id ? id.value() : 0;
    }

    void addRun(qint64 org, RunStatus status, std::optional<qint64> setupMs = {}, const QString &step = {})
    {
        static int serial = 0;
        ProvisioningRun r;
        r.id = QStringLiteral("run-%1").arg(++serial);
        r.organizationId = org;
        r.kind = QStringLiteral("approve");
        r.actor = QStringLiteral("test");
        r.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + serial * 1000, Qt::UTC);
        QVERIFY(m_store->runs().create(r).ok());
        if (status == RunStatus::Running)
            return;
        r.status = status;
        r.setupTimeMs = setupMs;
        r.failedStep = step;
        r.finishedAt = r.startedAt.addSecs(3);
        QVERIFY(m_store->runs().updateOutcome(r).ok());
    }

    void addActiveConfig(qint64 org)
    {
        AiConfig c;
        c.organizationId = org;
        c.number = QStringLiteral("+1510555%1").arg(org, 4, 10, QLatin1Char('0'));
        c.setupCompleted = true;
        QVERIFY(m_store->aiConfigs().insert(c).ok());
    }

    // 10 organizations: 3 active (1.5 s, 2.5 s, 12 s), 1 provisioning, 1 needs attention, 1 failed, 4 without setup.
    void seedSmallHistory()
    {
        const QList<qint64> setupMs{1500, 2500, 12000};
        for (int i = 0; i < 3; ++i) {
            const qint64 org = addOrg(QStringLiteral("Active%1").arg(i));
            addRun(org, RunStatus::Succeeded, setupMs.at(i));
            addActiveConfig(org);
        }
        addRun(addOrg(QStringLiteral("Live")), RunStatus::Running);
        addRun(addOrg(QStringLiteral("Attention")), RunStatus::NeedsAttention, {}, QStringLiteral("register_number"));
        addRun(addOrg(QStringLiteral("Failed")), RunStatus::RolledBack, {}, QStringLiteral("buy_number"));
        for (int i = 0; i < 4; ++i)
            addOrg(QStringLiteral("Pending%1").arg(i));
    }

    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd9));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
        return p;
    }

    static double contrast(const QColor &a, const QColor &b)
    {
        auto luminance = [](const QColor &c) {
            auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    }

    void save(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(w.grab().save(QDir(dir).filePath(name)));
        }
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_store = std::move(store).value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void tilesAndChartsShowTheStoresNumbers()
    {
        seedSmallHistory();
        DashboardView view(*m_store);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(view.stateTile(SetupState::Active)->value(), QStringLiteral("3"));
        QCOMPARE(view.stateTile(SetupState::Provisioning)->value(), QStringLiteral("1"));
        QCOMPARE(view.stateTile(SetupState::NeedsAttention)->value(), QStringLiteral("1"));
        QCOMPARE(view.stateTile(SetupState::Failed)->value(), QStringLiteral("1"));
        QCOMPARE(view.stateTile(SetupState::None)->value(), QStringLiteral("4"));
        QVERIFY(view.stateTile(SetupState::None)->caption().contains(QStringLiteral("40.0")));
        QCOMPARE(view.organizationsTile()->value(), QStringLiteral("10"));
        QVERIFY(view.organizationsTile()->caption().startsWith(QStringLiteral("10 new")));
        QCOMPARE(view.successTile()->value(), QStringLiteral("60.0 %")); // 3 of 5
        QVERIFY(view.successTile()->caption().contains(QStringLiteral("3 of 5")));
        QCOMPARE(view.liveRunsTile()->value(), QStringLiteral("1"));
        QCOMPARE(view.setupTimeTile()->value(), QStringLiteral("2.5 s"));
        QVERIFY(view.setupTimeTile()->caption().contains(QStringLiteral("12 s")));

        QCOMPARE(view.failuresChart()->categories(), (QStringList{QStringLiteral("Buy number"), QStringLiteral("Register number")}));
        QCOMPARE(view.failuresChart()->values(), (QList<qreal>{1, 1}));
        QVERIFY(!view.failuresChart()->showsEmptyText());
        QCOMPARE(view.setupTimeChart()->values(), (QList<qreal>{0, 1, 1, 0, 0, 1}));
        QCOMPARE(view.setupTimeChart()->categories().first(), QStringLiteral("< 1 s"));
        QCOMPARE(view.setupTimeChart()->categories().last(), QStringLiteral("≥ 10 s"));
        // The chart's axes carry the same categories (the horizontal one top-down, so reversed).
        auto *axis = qobject_cast<QBarCategoryAxis *>(view.failuresChart()->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->categories(), (QStringList{QStringLiteral("Register number"), QStringLiteral("Buy number")}));
    }

    void anEmptyStoreSaysSoInsteadOfDrawingEmptyCharts()
    {
        DashboardView view(*m_store);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(view.organizationsTile()->value(), QStringLiteral("0"));
        QCOMPARE(view.successTile()->value(), QStringLiteral("–"));
        QVERIFY(view.failuresChart()->showsEmptyText());
        QVERIFY(view.setupTimeChart()->showsEmptyText());
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        save(view, QStringLiteral("dashboard-empty.png"));
    }

    void refreshesItselfWhileVisibleAndPicksUpChanges()
    {
        DashboardView view(*m_store);
        view.setRefreshInterval(50);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(refreshed.size() >= 1);
        addOrg(QStringLiteral("Newcomer"));
        QTRY_COMPARE(view.organizationsTile()->value(), QStringLiteral("1"));
        const int before = int(refreshed.size());
        QTRY_VERIFY(refreshed.size() >= before + 2); // keeps going on its own

        view.hide();
        const int hidden = int(refreshed.size());
        // A read in flight may still land; after it, nothing more.
        if (refreshed.wait(300))
            QVERIFY(!refreshed.wait(300));
        QVERIFY(refreshed.size() <= hidden + 1);
    }

    void aFailedReadShowsAnErrorAndRecovers()
    {
        DashboardView view(*m_store);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        QSignalSpy failed(&view, &DashboardView::refreshFailed);
        QVERIFY(refreshed.wait(5000));
        QVERIFY(m_store->database().exec(QStringLiteral("ALTER TABLE ai_configs RENAME TO ai_configs_away")).ok());
        view.refresh();
        QVERIFY(failed.wait(5000));
        QVERIFY(!view.errorLabel()->isHidden());
        QVERIFY(view.errorLabel()->text().contains(QStringLiteral("Could not read the dashboard")));
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        save(view, QStringLiteral("dashboard-error.png"));
        QVERIFY(m_store->database().exec(QStringLiteral("ALTER TABLE ai_configs_away RENAME TO ai_configs")).ok());
        view.refresh();
        QVERIFY(refreshed.wait(5000));
        QVERIFY(view.errorLabel()->isHidden());
    }

    void readsInDarkAndLightPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void readsInDarkAndLightPalettes()
    {
        QFETCH(bool, dark);
        QVERIFY(test::seedSetupHistory(*m_store, {600, 11, true}).ok());
        DashboardView view(*m_store);
        if (dark)
            view.setPalette(darkPalette());
        view.resize(1180, 760);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(refreshed.size() >= 1);
        const QPalette pal = view.palette();
        QCOMPARE(dashboardcolors::isDark(pal), dark);
        // Axis labels in the text colour of the palette, readable on the card.
        for (QAbstractAxis *axis : view.failuresChart()->chart()->axes()) {
            const QColor label = axis->labelsBrush().color();
            QCOMPARE(label, pal.color(QPalette::Text));
            QVERIFY(contrast(label, dashboardcolors::cardBackground(pal)) > 7);
        }
        // Every accent stands out from the card it is drawn on.
        for (SetupState s : kAllSetupStates)
            QVERIFY2(contrast(dashboardcolors::stateAccent(s, pal), dashboardcolors::cardBackground(pal)) > 2.5,
                     qPrintable(statusName(s)));
        QVERIFY(contrast(dashboardcolors::secondaryText(pal), dashboardcolors::cardBackground(pal)) > 4.5);
        QCoreApplication::processEvents(); // let the layouts take the new texts before grabbing
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        save(view, dark ? QStringLiteral("dashboard-dark.png") : QStringLiteral("dashboard-light.png"));
    }
};

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
