#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "translations.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char *argv[])
{
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
    if (auto started = console.start(options); !started) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"), started.error().message);
        return 1;
    }
    console.window().show();
    QTimer::singleShot(0, &console.window(), &oc::MainWindow::recoverUnfinishedRuns);
    return app.exec();
}
