#include "provisioningactions.h"

#include "approvedialog.h"
#include "confirmation.h"
#include "console/consoleengine.h"
#include "settings/settings.h"
#include "store/store.h"
#include "store/storereader.h"

#include <QPushButton>
#include <QTimer>

namespace oc {

QString shortName(const QString &name)
{
    // Names can be 10k characters of anything: dialogs show a bounded, single-line form.
    QString flat = name;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return flat.size() > 80 ? flat.left(79) + QStringLiteral("…") : flat;
}

ProvisioningActions::ProvisioningActions(StoreReader &reader, ConsoleEngine &engine, Settings *settings, QWidget *dialogParent)
    : QObject(dialogParent), m_reader(reader), m_engine(engine), m_settings(settings), m_dialogParent(dialogParent)
{
}

void ProvisioningActions::chooseCountry(const QList<Organization> &orgs, const QString &country, const QString &areaCode,
                                        bool retry, Chosen chosen)
{
    if (m_chooser) {
        QString c = country, a = areaCode;
        if (m_chooser(orgs, c, a))
            chosen(c, a);
        return;
    }
    auto *dialog = new ApproveDialog(orgs, m_engine.assistantTemplate(), country, areaCode, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_engine.isConfigured()) {
        ConsoleEngine *engine = &m_engine;
        dialog->setComplianceQuery([engine](const QString &c, bool refresh, QObject *context, std::function<void(const QJsonObject &)> done) {
            engine->checkCompliance(c, refresh, context, std::move(done));
        });
    }
    if (retry) {
        dialog->setWindowTitle(tr("Retry setup"));
        dialog->approveButton()->setText(tr("Retry"));
    }
    // `this` as the context: if the actions are gone when the user answers, nothing starts. The dialog is
    // deleted later, so it can still be read here.
    connect(dialog, &QDialog::accepted, this, [dialog, chosen = std::move(chosen)] { chosen(dialog->countryCode(), dialog->areaCode()); });
    dialog->open();
}

void ProvisioningActions::approve(const QList<Organization> &orgs)
{
    if (orgs.isEmpty())
        return;
    const QString country = m_settings ? m_settings->defaultCountry() : QStringLiteral("US");
    const QString areaCode = m_settings ? m_settings->defaultAreaCode() : QString();
    chooseCountry(orgs, country, areaCode, false,
                  [this, orgs](const QString &chosenCountry, const QString &chosenArea) { startApproved(orgs, chosenCountry, chosenArea); });
}

void ProvisioningActions::startApproved(const QList<Organization> &orgs, const QString &country, const QString &areaCode)
{
    if (m_settings) {
        m_settings->setDefaultCountry(country);
        m_settings->setDefaultAreaCode(areaCode);
    }
    QList<Organization> toStart;
    int skipped = 0;
    for (const Organization &org : orgs) {
        if (m_engine.liveRunFor(org.id))
            ++skipped;
        else
            toStart.append(org);
    }
    if (toStart.size() > 1 && m_engine.isFollowingTeam()) {
        // Team mode: a bulk approval is queued — verified now, set up by this console and any worker, and it
        // survives this console being closed.
        QList<qint64> ids;
        for (const Organization &org : std::as_const(toStart))
            ids << org.id;
        m_engine.queueApprovals(ids, country, areaCode, this, [this, n = int(ids.size())](const QHash<qint64, QString> &errors) {
            const int queued = n - int(errors.size());
            QString text = m_engine.queueDraining() > 0
                               ? tr("%n setup(s) queued: this console sets up %1 at once, workers help.", nullptr, queued).arg(m_engine.queueDraining())
                               : tr("%n setup(s) queued for the workers (this console does not set queued approvals up: Settings → Defaults → Team).",
                                    nullptr, queued);
            if (!errors.isEmpty())
                text += QLatin1Char(' ') + tr("%n could not be queued: %1", nullptr, int(errors.size())).arg(shortName(errors.cbegin().value()));
            Q_EMIT message(text, 10000);
        });
        toStart.clear();
    }
    if (!toStart.isEmpty()) {
        // The first starts now; the others a few per event-loop turn, so approving 200 at once never holds the
        // window for the 200 runs' first database writes.
        Q_EMIT runStarted(m_engine.approve(toStart.takeFirst(), country, areaCode));
        startLater(std::move(toStart), country, areaCode);
    }
    if (skipped)
        Q_EMIT message(tr("%n organization(s) already have a setup in progress; they were left alone.", nullptr, skipped), 8000);
}

void ProvisioningActions::startLater(QList<Organization> orgs, const QString &country, const QString &areaCode)
{
    if (orgs.isEmpty())
        return;
    QTimer::singleShot(0, this, [this, orgs = std::move(orgs), country, areaCode]() mutable {
        constexpr int kPerTurn = 4;
        for (int i = 0; i < kPerTurn && !orgs.isEmpty(); ++i) {
            const Organization org = orgs.takeFirst();
            if (!m_engine.liveRunFor(org.id))
                m_engine.approve(org, country, areaCode);
        }
        startLater(std::move(orgs), country, areaCode);
    });
}

bool ProvisioningActions::refuseRetry(const Organization &org)
{
    if (!m_engine.liveRunFor(org.id))
        return false;
    Q_EMIT message(tr("%1 already has a setup in progress.").arg(shortName(org.companyName)), 6000);
    return true;
}

bool ProvisioningActions::refuseCleanup(const Organization &org)
{
    if (!m_engine.liveRunFor(org.id))
        return false;
    Q_EMIT message(tr("%1 has a setup in progress: cancel it first.").arg(shortName(org.companyName)), 6000);
    return true;
}

void ProvisioningActions::retry(const Organization &org)
{
    if (refuseRetry(org))
        return;
    // The dialog offers the country and area code of the last run, read off the GUI thread first.
    m_reader.read(
        this, [id = org.id](Store &store) { return store.runs().forOrganization(id); },
        [this, org](const Result<QList<ProvisioningRun>> &runs) {
            QString country = m_settings ? m_settings->defaultCountry() : QStringLiteral("US");
            QString areaCode;
            if (runs && !runs->isEmpty()) {
                country = runs->constLast().countryCode.isEmpty() ? country : runs->constLast().countryCode;
                areaCode = runs->constLast().areaCode;
            }
            chooseCountry({org}, country, areaCode, true, [this, org](const QString &chosenCountry, const QString &chosenArea) {
                // A team's run may have started for it while the dialog was open.
                if (!refuseRetry(org))
                    Q_EMIT runStarted(m_engine.retry(org, chosenCountry, chosenArea));
            });
        });
}

void ProvisioningActions::cleanup(const Organization &org)
{
    if (refuseCleanup(org))
        return;
    // The confirmation lists what will go: the saved configuration, read off the GUI thread first.
    m_reader.read(
        this, [id = org.id](Store &store) { return store.aiConfigs().findByOrganization(id); },
        [this, org](const Result<AiConfig> &config) { confirmCleanup(org, config); });
}

void ProvisioningActions::confirmCleanup(const Organization &org, const Result<AiConfig> &config)
{
    QStringList what;
    if (config) {
        if (!config->number.isEmpty())
            what << tr("• Release phone number %1 (%2)").arg(config->number, config->phoneNumberSid);
        if (!config->vapiPhoneNumberId.isEmpty())
            what << tr("• Delete its VAPI registration %1").arg(config->vapiPhoneNumberId);
        if (!config->inboundAssistantId.isEmpty())
            what << tr("• Delete the inbound assistant %1").arg(config->inboundAssistantId);
        if (!config->outboundAssistantId.isEmpty())
            what << tr("• Delete the outbound assistant %1").arg(config->outboundAssistantId);
        what << tr("• Delete the AI configuration (kept if anything above cannot be removed)");
    } else {
        what << tr("• Anything a failed run left at Twilio or VAPI, found by its tags");
    }
    confirmDestructive(m_dialogParent,
                       {.title = tr("Clean up %1").arg(shortName(org.companyName)),
                        .question = tr("Clean up the AI setup of %1?").arg(shortName(org.companyName)),
                        .details = what.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                                   tr("A released number cannot be bought back. The organization stays verified."),
                        .action = tr("Clean up")},
                       this, [this, org] {
                           if (!refuseCleanup(org))
                               Q_EMIT runStarted(m_engine.cleanup(org));
                       });
}

void ProvisioningActions::resendEmail(const Organization &org)
{
    Q_EMIT runStarted(m_engine.resendEmail(org));
}

} // namespace oc
