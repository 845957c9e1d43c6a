#include "sandboxmenu.h"

namespace oc {

SandboxMenu::SandboxMenu(AddFaults addFaults, std::function<void()> clearFaults, QWidget *parent)
    : QMenu(tr("&Sandbox"), parent)
{
    setToolTipsVisible(true);
    const std::pair<QString, QString> faults[] = {
        {tr("Fail the next number &purchase"), QStringLiteral("twilio.buy*1=400")},
        {tr("Fail the next &assistant creation"), QStringLiteral("vapi.assistant.create*1=400")},
        {tr("Fail the next number &registration"), QStringLiteral("vapi.phone.create*1=400")},
        {tr("Fail the next number registration &and its undo"), QStringLiteral("vapi.phone.create*1=400,twilio.release*10=500")},
        {tr("Make the vendors &slow (2 s per call)"), QStringLiteral("twilio.buy=delay:2000,vapi.assistant.create=delay:2000")},
    };
    for (const auto &[title, spec] : faults) {
        QAction *a = addAction(title, this, [this, addFaults, spec = spec, title = title] {
            auto r = addFaults(spec);
            Q_EMIT message(r ? tr("Sandbox: %1 — armed. Approve an organization to see it.").arg(QString(title).remove(QLatin1Char('&')))
                             : tr("Sandbox: %1").arg(r.error().message),
                           8000);
        });
        a->setToolTip(spec);
    }
    addSeparator();
    addAction(tr("&Clear faults"), this, [this, clearFaults] {
        if (clearFaults)
            clearFaults();
        Q_EMIT message(tr("Sandbox: faults cleared; vendors behave again."), 5000);
    });
    addSeparator();
    QAction *hint = addAction(tr("Area code 999 never has numbers"));
    hint->setEnabled(false);
}

} // namespace oc
