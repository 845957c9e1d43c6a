#pragma once

#include "secrets/credentials.h"
#include "settings/settings.h"

#include <QDialog>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace oc {

class CountryPicker;

class ConfigurationCheckView;
class EmailPreviewPanel;
class SecretField;
class SecretStore;
struct FieldCheck;

// Settings → endpoints, credentials, SMTP, e-mail branding (with a live preview of both owner e-mails) and
// defaults for new setups.
//
// Non-secret values go to `settings` (QSettings underneath). Secrets go to `secrets` only: the dialog asks
// the store whether each one exists, never shows a stored value, replaces it when a new one is typed and
// removes it when "Remove" is pressed — all on Save, asynchronously. The dialog closes (accepted) once every
// write has succeeded; a keychain failure keeps it open with what to do.
//
// "Test configuration" runs core's check-config through `testConfiguration`, which the caller provides (ui
// never talks to the network): it receives the values as they are in the dialog — saved or not — with the
// secrets (typed ones, else the stored ones; empty where none), and must call `done` exactly once with
// check-config's JSON ({"success", "checks": {name: {ok, detail}}}, or {"success": false, "error": "…"} when
// the checks cannot start). `done` may be called after the dialog is gone; it is then ignored. Without a
// function the button is hidden.
//
// Mode::SandboxReadOnly shows the stored settings read-only under a banner: they apply when OrgConsole
// starts without --sandbox.
class SettingsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    using TestDone = std::function<void(const QJsonObject &result)>;
    using TestConfigurationFn = std::function<void(const EffectiveConfig &draft, const Credentials &credentials, TestDone done)>;
    enum class Mode { Edit, SandboxReadOnly };

    SettingsDialog(Settings &settings, SecretStore &secrets, TestConfigurationFn testConfiguration = {},
                   Mode mode = Mode::Edit, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Marks the fields an environment variable overrides (TWILIO_API_BASE, SMTP_URL, … as in DESIGN §5), so
    // nobody edits a value that will not be used. Without a call, nothing is marked.
    void setEnvironment(const QProcessEnvironment &environment);
    // First start: provisioning is not configured (`problem` says why). The dialog becomes the setup — its
    // title, a banner saying what to fill in, the Credentials page first; Save applies it at once.
    void setFirstRun(const QString &problem);

    // A page that keeps its own data (Assistants: the database, saved at once), after the others; never read-only.
    // Returns its tab index.
    int addPage(QWidget *page, const QString &title);

    // The values as typed, defaults filled in, the environment NOT laid over them.
    EffectiveConfig draft() const;
    // The error messages shown now; Save and Test are disabled while there is one.
    QStringList problems() const;
    bool isBusy() const { return m_saving || m_testing; }

    EmailPreviewPanel *preview() const { return m_preview; }
    ConfigurationCheckView *checkView() const { return m_checkView; }
    QPushButton *saveButton() const { return m_saveButton; }
    QPushButton *testButton() const { return m_testButton; }
    QTabWidget *tabs() const { return m_tabs; }
    // Defaults → Regulatory compliance: one row per country (code, bundle sid, address sid).
    QTableWidget *complianceTable() const { return m_compliance; }
    // Adds an empty row and starts editing its country.
    void addComplianceRow(const QString &country = {}, const QString &bundle = {}, const QString &address = {});

public Q_SLOTS:
    void save();
    void testConfiguration();

Q_SIGNALS:
    // Settings and secrets are written; emitted before the dialog closes. Rebuild what uses them.
    void saved();

private:
    struct Field {
        QWidget *input = nullptr;
        QLabel *icon = nullptr;
        QLabel *message = nullptr;
        QWidget *messageRow = nullptr;
        int tab = 0;
        QString title;
        QString environmentVariable;
        std::function<FieldCheck()> check;
    };
    struct SecretEntry {
        const char *key;
        QString Credentials::*member;
        QString title;
        SecretField *field;
    };

    QWidget *buildEndpointsPage();
    QWidget *buildCredentialsPage();
    QWidget *buildEmailPage();
    QWidget *buildDefaultsPage();
    QWidget *buildBanner();
    QWidget *buildFirstRunBanner(const QString &problem);
    QLineEdit *addLineEdit(QFormLayout *form, const QString &label, const QString &objectName, int tab,
                           std::function<FieldCheck(const QString &)> check, const char *environmentVariable = nullptr);
    void addValidatedRow(QFormLayout *form, const QString &label, QWidget *input, int tab, const QString &title,
                         std::function<FieldCheck()> check, const char *environmentVariable = nullptr);
    SecretField *addSecret(QFormLayout *form, const QString &label, const QString &title, const char *key,
                           QString Credentials::*member, const QString &objectName);

    void load();
    void loadSecrets();
    void revalidate();
    void updateBranding();
    void updateButtons();
    void finishSave(const QStringList &failures);
    void finishTest(int run, const QJsonObject &result);
    QString text(const QString &objectName) const;

    Settings &m_settings;
    SecretStore &m_secrets;
    TestConfigurationFn m_test;
    Mode m_mode;
    QProcessEnvironment m_environment;

    QList<Field> m_fields;
    QList<SecretEntry> m_secretEntries;
    QStringList m_problems;
    QTabWidget *m_tabs = nullptr;
    CountryPicker *m_country = nullptr;
    QSpinBox *m_queueConcurrency = nullptr;
    QTableWidget *m_compliance = nullptr;
    QPushButton *m_removeCompliance = nullptr;
    QStringList m_loadedComplianceCountries;
    QPushButton *m_browseCa = nullptr;
    QLabel *m_keychainNote = nullptr;
    EmailPreviewPanel *m_preview = nullptr;
    QGroupBox *m_checkGroup = nullptr;
    ConfigurationCheckView *m_checkView = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_firstRun = false;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_testButton = nullptr;
    int m_secretsPending = 0;
    bool m_saving = false;
    bool m_testing = false;
    int m_testRun = 0;
};

} // namespace oc
