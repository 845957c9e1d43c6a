// Renders every main view of the console to PNG, as a user sees it in the sandbox demo: run by
// packaging/screenshot.sh under Xvfb (a real X server, real fonts and style). Not installed.
//   orgconsole_render_views OUT_DIR
#include "approvedialog.h"
#include "assistantseditor.h"
#include "console/liverollout.h"
#include "rolloutdialog.h"
#include "console/consoleengine.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsview.h"
#include "costsview.h"
#include "dashboardview.h"
#include "auditview.h"
#include "orphansview.h"
#include "outboxview.h"
#include "settingsdialog.h"
#include "runsview.h"
#include "sandbox/sandboxthread.h"
#include "store/store.h"
#include "translations.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

namespace {

QString g_out;

bool save(QWidget *w, const QString &name)
{
    QApplication::processEvents();
    QTest::qWait(150);
    const QString path = g_out + QLatin1Char('/') + name + QStringLiteral(".png");
    const bool ok = w->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool waitAll(oc::ConsoleEngine &engine, int ms = 60000)
{
    return QTest::qWaitFor([&engine] { return engine.liveRunCount() == 0; }, ms);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    oc::applyApplicationIdentity();
    oc::installTranslations(QLocale::system()); // LANGUAGE=de renders the German console
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);
    if (qEnvironmentVariableIsSet("ORGCONSOLE_RENDER_DARK")) {
        // The views must read well in a dark palette: Fusion with the usual dark roles.
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x1f, 0x22));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x39));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x7f, 0xd8));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x39));
        dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x98));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x88));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x88));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x88));
        QApplication::setPalette(dark);
    }
    QDir().mkpath(g_out);

    oc::ConsoleApp console;
    oc::ConsoleApp::Options options;
    options.sandbox = true;
    options.sandboxScale = 0.15;
    if (auto started = console.start(options); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    oc::MainWindow &w = console.window();
    w.setCountryChooser([](const QList<oc::Organization> &, QString &country, QString &areaCode) {
        country = QStringLiteral("US");
        areaCode = QStringLiteral("510");
        return true;
    });
    w.resize(1280, 760);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    int failures = 0;
    failures += !save(&w, QStringLiteral("organizations"));

    QTableView *table = w.organizationsView()->table();
    {
        table->selectRow(0);
        oc::ApproveDialog dialog(w.organizationsView()->selectedOrganizations(), console.engine().assistantTemplate(),
                                 QStringLiteral("US"), QStringLiteral("510"), &w);
        dialog.show();
        (void)QTest::qWaitForWindowExposed(&dialog);
        failures += !save(&dialog, QStringLiteral("approve-dialog"));
        dialog.reject();
    }
    auto approveRows = [&](int from, int count) {
        table->clearSelection();
        table->selectionModel()->select(QItemSelection(table->model()->index(from, 0), table->model()->index(from + count - 1, 0)),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        w.approveAction()->trigger();
    };
    // One success, one failure (the registration refused), then several at once, caught mid-flight.
    approveRows(0, 1);
    waitAll(console.engine());
    (void)console.sandbox()->addFaults(QStringLiteral("vapi.phone.create*1=400"));
    approveRows(1, 1);
    waitAll(console.engine());
    oc::LiveRun *failed = w.runsView()->currentRun();
    approveRows(2, 4);
    QTest::qWait(900);
    failures += !save(&w, QStringLiteral("runs-progress"));
    waitAll(console.engine());
    w.runsView()->showRun(failed);
    failures += !save(&w, QStringLiteral("runs-failed"));

    w.tabs()->setCurrentWidget(w.dashboardView());
    {
        QSignalSpy refreshed(w.dashboardView(), &oc::DashboardView::refreshed);
        w.dashboardView()->refresh();
        (void)refreshed.wait(10000);
    }
    failures += !save(&w, QStringLiteral("dashboard"));
    w.tabs()->setCurrentWidget(w.auditView());
    w.auditView()->refresh();
    QTest::qWait(400);
    failures += !save(&w, QStringLiteral("audit"));

    w.tabs()->setCurrentWidget(w.orphansView());
    w.orphansView()->scan();
    (void)QTest::qWaitFor([&] { return w.orphansView()->scanButton()->isEnabled(); }, 20000);
    failures += !save(&w, QStringLiteral("orphans"));

    // Costs of this month: the numbers bought above at the sandbox's prices, the calls of the month, the orphans.
    if (w.costsView()) {
        w.tabs()->setCurrentWidget(w.costsView());
        QSignalSpy loaded(w.costsView(), &oc::CostsView::loaded);
        w.costsView()->refresh();
        (void)loaded.wait(20000);
        failures += !save(&w, QStringLiteral("costs"));
    }

    // A German approval: the field asks for a prefix or city, the compliance line names the bundle and address.
    {
        table->selectRow(8);
        oc::ApproveDialog dialog(w.organizationsView()->selectedOrganizations(), console.engine().assistantTemplate(),
                                 QStringLiteral("DE"), QStringLiteral("Berlin"), &w);
        oc::ConsoleEngine *engine = &console.engine();
        dialog.setComplianceQuery([engine](const QString &c, bool refresh, QObject *context, std::function<void(const QJsonObject &)> done) {
            engine->checkCompliance(c, refresh, context, std::move(done));
        });
        dialog.show();
        (void)QTest::qWaitForWindowExposed(&dialog);
        (void)QTest::qWaitFor([&] { return dialog.complianceLine()->text().contains(QLatin1String("BU")); }, 10000);
        failures += !save(&dialog, QStringLiteral("approve-dialog-germany"));
        dialog.reject();
    }

    // Settings → Assistants: version 2 saved, rolled out with one organization refusing.
    {
        oc::AssistantsEditor editor(console.engine());
        editor.resize(1100, 720);
        editor.show();
        (void)QTest::qWaitForWindowExposed(&editor);
        (void)QTest::qWaitFor([&] { return !editor.versions().isEmpty(); }, 10000);
        editor.systemPrompt()->setPlainText(QStringLiteral("You answer the {role} line of {orgName}: greet callers warmly, find out what "
                                                           "they need, book appointments and take a message when you cannot help."));
        editor.noteField()->setText(QStringLiteral("books appointments"));
        failures += !save(&editor, QStringLiteral("assistants-editor"));
        editor.save();
        (void)QTest::qWaitFor([&] { return editor.versions().size() >= 2 && !editor.isDirty(); }, 10000);
        (void)console.sandbox()->addFaults(QStringLiteral("vapi.assistant.update*1=400")); // one organization refuses
        auto *dialog = new oc::RolloutDialog(console.engine(), editor.selectedVersion(), false, &w);
        dialog->resize(820, 440);
        dialog->show();
        (void)QTest::qWaitForWindowExposed(dialog);
        (void)QTest::qWaitFor([&] { return dialog->rollout() && dialog->rollout()->isFinished(); }, 60000);
        failures += !save(dialog, QStringLiteral("rollout"));
        dialog->close();
    }

    if (w.outboxView()) {
        w.tabs()->setCurrentWidget(w.outboxView());
        failures += !save(&w, QStringLiteral("outbox"));
    }
    {
        oc::SettingsDialog dialog(console.settings(), console.secrets(), {}, oc::SettingsDialog::Mode::SandboxReadOnly, &w);
        dialog.show();
        (void)QTest::qWaitForWindowExposed(&dialog);
        failures += !save(&dialog, QStringLiteral("settings"));
        for (int i = 1; i < dialog.tabs()->count(); ++i) {
            if (dialog.tabs()->tabText(i).contains(QLatin1String("mail"), Qt::CaseInsensitive) ||
                dialog.tabs()->tabText(i).contains(QLatin1String("Brand"), Qt::CaseInsensitive)) {
                dialog.tabs()->setCurrentIndex(i);
                failures += !save(&dialog, QStringLiteral("settings-email"));
                break;
            }
        }
        dialog.reject();
    }
    w.tabs()->setCurrentWidget(w.organizationsView());
    failures += !save(&w, QStringLiteral("organizations-after"));
    w.hide();

    // A first start with nothing configured, on the same demo database: the window, its banner, the setup.
    for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "VAPI_API_KEY"})
        qunsetenv(name);
    oc::ConsoleApp fresh;
    oc::ConsoleApp::Options plain;
    plain.database = console.store().database().url().toDisplayString();
    if (auto started = fresh.start(plain); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    oc::MainWindow &first = fresh.window();
    first.resize(1280, 760);
    first.show();
    if (!QTest::qWaitForWindowExposed(&first))
        return 1;
    failures += !save(&first, QStringLiteral("first-start"));
    {
        oc::SettingsDialog dialog(fresh.settings(), fresh.secrets(), {}, oc::SettingsDialog::Mode::Edit, &first);
        dialog.setFirstRun(fresh.engine().configurationProblem());
        dialog.show();
        (void)QTest::qWaitForWindowExposed(&dialog);
        failures += !save(&dialog, QStringLiteral("first-start-settings"));
        dialog.reject();
    }
    return failures ? 1 : 0;
}
