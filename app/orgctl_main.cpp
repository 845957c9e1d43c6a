#include "cli/cli.h"

#include "util/appinfo.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    oc::applyApplicationIdentity();
    oc::cli::Cli cli;
    QObject::connect(&cli, &oc::cli::Cli::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    cli.start(app.arguments().mid(1));
    return app.exec();
}
