#pragma once

#include <QObject>
#include <QStringList>

namespace oc::cli {

// orgctl: parses the command line, runs one command, and emits finished(exit code) exactly once.
// Exit codes: 0 success, 1 the command failed (one line on stderr says why), 2 the command line is wrong.
class Cli : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cli)

public:
    explicit Cli(QObject *parent = nullptr);
    void start(const QStringList &arguments);
    // For commands that run on in the event loop: ends orgctl with this exit code (once).
    void finish(int exitCode);

Q_SIGNALS:
    void finished(int exitCode);

private:
    bool m_finished = false;
};

} // namespace oc::cli
