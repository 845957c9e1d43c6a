#pragma once

#include <QJsonObject>
#include <QWidget>

class QGridLayout;
class QLabel;
class QProgressBar;

namespace oc {

// The outcome of "Test configuration": a busy indicator while it runs, then one line per check (database,
// Twilio, VAPI, SMTP) with ok/failed and the detail core gave.
//
// Reads check-config's JSON: {"success": bool, "checks": {"<name>": {"ok": bool, "detail": "…"}}}, or
// {"success": false, "error": "…"} when the checks could not even start (e.g. a credential is missing).
class ConfigurationCheckView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigurationCheckView)

public:
    explicit ConfigurationCheckView(QWidget *parent = nullptr);

    void showRunning();
    void showResult(const QJsonObject &result);

    bool isRunning() const { return m_running; }
    // The lines shown, for tests and accessibility: "Twilio: failed — …".
    QStringList lines() const;

private:
    void clearRows();
    void addRow(int row, bool ok, const QString &name, const QString &detail);

    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QWidget *m_rows = nullptr;
    QGridLayout *m_grid = nullptr;
    QStringList m_lines;
    bool m_running = false;
};

} // namespace oc
