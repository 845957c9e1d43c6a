#pragma once

#include "domain/aiconfig.h"
#include "domain/organization.h"
#include "util/result.h"

#include <QObject>

#include <functional>

class QWidget;

namespace oc {

class ConsoleEngine;
class LiveRun;
class Settings;
class StoreReader;

// A bounded, single-line form of an organization's name for titles and messages (names can be 10k
// characters of anything).
QString shortName(const QString &name);

// What staff do to organizations — approve (one or many), retry, clean up, resend the e-mail — with the
// questions each needs first (the approve dialog, a confirmation listing what will be released), asked
// without blocking: the run starts when the answer comes. Starts the run on the engine and hands it over
// through runStarted(); remembers the chosen country and area code.
class ProvisioningActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProvisioningActions)

public:
    // Answers the approve dialog without a user (tests, scripts): (orgs, country, areaCode) → accepted.
    using CountryChooser = std::function<bool(const QList<Organization> &, QString &, QString &)>;

    ProvisioningActions(StoreReader &reader, ConsoleEngine &engine, Settings *settings, QWidget *dialogParent);
    void setCountryChooser(CountryChooser chooser) { m_chooser = std::move(chooser); }

    void approve(const QList<Organization> &orgs);
    void retry(const Organization &org);
    void cleanup(const Organization &org);
    void resendEmail(const Organization &org);

Q_SIGNALS:
    void runStarted(oc::LiveRun *run);
    void message(const QString &text, int timeoutMs);

private:
    void confirmCleanup(const Organization &org, const Result<AiConfig> &config);
    using Chosen = std::function<void(const QString &country, const QString &areaCode)>;
    // Asks for the country and area code (the approve dialog, window-modal, or the chooser) and hands the
    // answer to `chosen`; nothing happens when it is canceled.
    void chooseCountry(const QList<Organization> &orgs, const QString &country, const QString &areaCode, bool retry,
                       Chosen chosen);
    void startApproved(const QList<Organization> &orgs, const QString &country, const QString &areaCode);
    // True (and says why) when the organization has a run going, asked again when a deferred answer arrives.
    bool refuseRetry(const Organization &org);
    bool refuseCleanup(const Organization &org);
    // Starts the rest of a bulk approval a few per event-loop turn.
    void startLater(QList<Organization> orgs, const QString &country, const QString &areaCode);

    StoreReader &m_reader;
    ConsoleEngine &m_engine;
    Settings *m_settings;
    QWidget *m_dialogParent;
    CountryChooser m_chooser;
};

} // namespace oc
