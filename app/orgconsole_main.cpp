#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "translations.h"
#include "util/appinfo.h"

#include "organizationsmodel.h"
#include "organizationsview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <ctime>
#include <unistd.h>

namespace {

// For tests/bench only (ORGCONSOLE_EXIT_AFTER_FIRST_PAINT=1): at the organizations table's first paint that
// shows rows (they arrive from the store reader's thread), prints
// how long the start took (since exec, from /proc's start time in clock ticks; since main()) and the RSS, and quits.
class ExitAfterFirstPaint : public QObject
{
public:
    explicit ExitAfterFirstPaint(const QElapsedTimer &sinceMain) : m_sinceMain(sinceMain) {}
    void setReady(std::function<bool()> ready) { m_ready = std::move(ready); }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen && (!m_ready || m_ready())) {
            m_seen = true;
            QTimer::singleShot(0, qApp, [this] { report(); }); // after the frame is painted and flushed
        }
        return false;
    }

private:
    void report() const
    {
        const double mainMs = double(m_sinceMain.nsecsElapsed()) / 1e6;
        QFile stat(QStringLiteral("/proc/self/stat")), status(QStringLiteral("/proc/self/status"));
        double execMs = -1;
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray s = stat.readAll();
            const QList<QByteArray> f = s.mid(s.lastIndexOf(')') + 2).split(' '); // field 3 onwards
            timespec now{};
            clock_gettime(CLOCK_BOOTTIME, &now);
            execMs = (double(now.tv_sec) + double(now.tv_nsec) / 1e9 - f.value(19).toDouble() / double(sysconf(_SC_CLK_TCK))) * 1000.0;
        }
        QByteArray rss = "0";
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    rss = line.mid(6).trimmed().split(' ').value(0);
            }
        }
        std::printf("ORGCONSOLE_FIRST_PAINT exec_ms=%.1f main_ms=%.1f rss_kb=%s\n", execMs, mainMs, rss.constData());
        std::fflush(stdout);
        QCoreApplication::exit(0);
    }

    const QElapsedTimer &m_sinceMain;
    std::function<bool()> m_ready;
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    oc::applyApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OrgConsole"));
    // Links the windows to packaging/io.orgconsole.OrgConsole.desktop (its icon and name in docks and task bars).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.orgconsole.OrgConsole"));
    oc::installTranslations(QLocale::system()); // README "Translations": LANGUAGE, then LANG/LC_MESSAGES

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Approve organizations and provision their voice-AI setup."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        QApplication::translate("main", "Demo mode: emulated Twilio, VAPI and SMTP in this process and a demo database; no credentials needed."));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QApplication::translate("main", "Database URL (file path, sqlite:PATH, postgresql://…)."),
                                      QStringLiteral("url"));
    const QCommandLineOption scale(QStringLiteral("sandbox-scale"),
                                   QApplication::translate("main", "Sandbox latency: multiplies the seed's timings (default 0.3, ~3 s a setup)."),
                                   QStringLiteral("factor"), QStringLiteral("0.3"));
    parser.addOptions({sandbox, database, scale});
    parser.process(app);

    oc::ConsoleApp console;
    oc::ConsoleApp::Options options;
    options.sandbox = parser.isSet(sandbox);
    options.database = parser.value(database);
    options.sandboxScale = parser.value(scale).toDouble();
    ExitAfterFirstPaint exitAfterFirstPaint(sinceMain);
    // Started from the event loop: the keychain answers asynchronously, and a failure can quit the loop.
    QTimer::singleShot(0, &app, [&] {
        console.startWithKeychain(options, [&](const oc::Result<void> &started) {
            if (!started) {
                QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"), started.error().message);
                QCoreApplication::exit(1);
                return;
            }
            if (qEnvironmentVariableIntValue("ORGCONSOLE_EXIT_AFTER_FIRST_PAINT") == 1) {
                exitAfterFirstPaint.setReady([m = console.window().organizationsView()->model()] { return !m->isLoading(); });
                console.window().organizationsView()->table()->viewport()->installEventFilter(&exitAfterFirstPaint);
            }
            console.window().show();
            QTimer::singleShot(0, &console.window(), &oc::MainWindow::recoverUnfinishedRuns);
        });
    });
    return app.exec();
}
