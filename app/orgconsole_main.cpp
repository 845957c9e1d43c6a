#include "mainwindow.h"

#include "settings/settings.h"
#include "store/demodata.h"
#include "store/store.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    oc::applyApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OrgConsole"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Approve organizations and provision their voice-AI setup."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     QStringLiteral("Demo mode: a demo database with realistic organizations, no credentials needed."));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database URL (file path, sqlite:PATH, postgresql://…)."),
                                      QStringLiteral("url"));
    parser.addOptions({sandbox, database});
    parser.process(app);

    QString chosen = parser.value(database);
    if (chosen.isEmpty() && parser.isSet(sandbox))
        chosen = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo.sqlite");
    QSettings stored;
    const oc::EffectiveConfig config = oc::Settings::resolve(oc::Settings(stored), QProcessEnvironment::systemEnvironment());
    auto url = oc::DatabaseUrl::choose(chosen, config.databaseUrl);
    if (!url) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"), url.error().message);
        return 2;
    }
    auto store = oc::Store::open(url.value());
    if (!store) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"),
                              QStringLiteral("%1\n\nCheck the database setting or start with --sandbox for the demo.")
                                  .arg(store.error().message));
        return 1;
    }
    if (parser.isSet(sandbox)) {
        auto existing = store.value()->organizations().count({});
        if (existing && existing.value() == 0) {
            auto seeded = oc::DemoData::seed(store.value()->organizations(), store.value()->database(), 2500);
            if (!seeded)
                QMessageBox::warning(nullptr, QStringLiteral("OrgConsole"), seeded.error().message);
        }
    }
    oc::MainWindow window(*store.value(), url->toDisplayString());
    window.show();
    return app.exec();
}
