#include "settingsdialog.h"

#include "configurationcheckview.h"
#include "countrypicker.h"
#include "emailpreviewpanel.h"
#include "secrets/secretstore.h"
#include "secretfield.h"
#include "settingsvalidation.h"

#include <QSpinBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace oc {

namespace {

QUrl urlOrDefault(const QString &text, const QUrl &fallback)
{
    return text.isEmpty() ? fallback : QUrl(text);
}

// Stored as "not set" when it equals the default, so a changed default applies later.
QUrl unlessDefault(const QString &text, const QUrl &fallback)
{
    const QUrl url(text);
    return text.isEmpty() || url.adjusted(QUrl::StripTrailingSlash) == fallback.adjusted(QUrl::StripTrailingSlash) ? QUrl() : url;
}

QString shownUnlessDefault(const QUrl &value, const QUrl &fallback)
{
    return value.adjusted(QUrl::StripTrailingSlash) == fallback.adjusted(QUrl::StripTrailingSlash) ? QString() : value.toString();
}

} // namespace

SettingsDialog::SettingsDialog(Settings &settings, SecretStore &secrets, TestConfigurationFn testConfiguration, Mode mode,
                               QWidget *parent)
    : QDialog(parent), m_settings(settings), m_secrets(secrets), m_test(std::move(testConfiguration)), m_mode(mode)
{
    setWindowTitle(tr("Settings"));
    setMinimumSize(860, 560);
    resize(1040, 700);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildEndpointsPage(), tr("Endpoints"));
    m_tabs->addTab(buildCredentialsPage(), tr("Credentials"));
    m_tabs->addTab(buildEmailPage(), tr("E-mail"));
    m_tabs->addTab(buildDefaultsPage(), tr("Defaults"));

    m_checkGroup = new QGroupBox(tr("Configuration test"), this);
    m_checkView = new ConfigurationCheckView(m_checkGroup);
    (new QVBoxLayout(m_checkGroup))->addWidget(m_checkView);
    m_checkGroup->hide(); // until the first test

    m_testButton = new QPushButton(tr("Test configuration"), this);
    m_testButton->setObjectName(QStringLiteral("testConfiguration"));
    m_testButton->setAccessibleName(tr("Test configuration"));
    m_testButton->setToolTip(tr("Check the database, Twilio and VAPI with read-only calls, using the values in this dialog."));
    m_testButton->setVisible(bool(m_test));
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testConfiguration);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusMessage"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    const bool editable = m_mode == Mode::Edit;
    m_buttons = new QDialogButtonBox(editable ? QDialogButtonBox::Save | QDialogButtonBox::Cancel : QDialogButtonBox::Close, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_testButton);
    footer->addWidget(m_status, 1);
    footer->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    if (!editable)
        layout->addWidget(buildBanner());
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_checkGroup);
    layout->addLayout(footer);

    load();
    if (!editable) {
        for (QLineEdit *edit : findChildren<QLineEdit *>())
            edit->setReadOnly(true);
        for (const SecretEntry &entry : std::as_const(m_secretEntries))
            entry.field->setReadOnly(true);
        m_country->setEnabled(false);
        m_browseCa->setEnabled(false);
    }
    loadSecrets();
    revalidate();
    m_preview->renderNow();
}

SettingsDialog::~SettingsDialog() = default;

int SettingsDialog::addPage(QWidget *page, const QString &title)
{
    return m_tabs->addTab(page, title);
}

void SettingsDialog::setFirstRun(const QString &problem)
{
    if (m_mode != Mode::Edit || m_firstRun)
        return;
    m_firstRun = true;
    setWindowTitle(tr("Set up provisioning"));
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, buildFirstRunBanner(problem));
    m_tabs->setCurrentIndex(1); // Credentials
    if (m_saveButton)
        m_saveButton->setText(tr("Save and start"));
}

void SettingsDialog::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    revalidate();
}

QString SettingsDialog::text(const QString &objectName) const
{
    const auto *edit = findChild<QLineEdit *>(objectName);
    return edit ? edit->text().trimmed() : QString();
}

void SettingsDialog::load()
{
    const auto set = [this](const char *name, const QString &value) { findChild<QLineEdit *>(QLatin1String(name))->setText(value); };
    set("twilioApiBase", shownUnlessDefault(m_settings.twilioApiBase(), Settings::defaultTwilioApiBase()));
    set("vapiApiBase", shownUnlessDefault(m_settings.vapiApiBase(), Settings::defaultVapiApiBase()));
    set("databaseUrl", m_settings.databaseUrl());
    set("twilioAccountSid", m_settings.twilioAccountSid());
    set("smtpUrl", m_settings.smtpUrl().toString());
    set("smtpUser", m_settings.smtpUser());
    set("smtpCaFile", m_settings.smtpCaFile());
    set("senderAddress", m_settings.senderAddress());
    set("brandingCompanyName", m_settings.brandingCompanyName());
    set("brandingSupportContact", m_settings.brandingSupportContact());
    set("brandingLogoUrl", m_settings.brandingLogoUrl().toString());
    set("defaultAreaCode", m_settings.defaultAreaCode());
    const QString country = m_settings.defaultCountry();
    int index = m_country->findData(country);
    if (index < 0) { // a code this Qt does not know: keep it rather than silently change it
        m_country->addItem(country, country);
        m_country->setItemData(m_country->count() - 1, country, CountryPicker::IsoRole);
        index = m_country->count() - 1;
    }
    m_country->setCurrentIndex(index);
    m_queueConcurrency->setValue(m_settings.queueConcurrency());
    m_loadedComplianceCountries = m_settings.complianceCountries();
    m_compliance->setRowCount(0);
    for (const QString &cc : std::as_const(m_loadedComplianceCountries))
        addComplianceRow(cc, m_settings.defaultBundle(cc), m_settings.defaultAddress(cc));
    updateBranding();
}

void SettingsDialog::loadSecrets()
{
    m_keychainNote->setText(tr("Checking the %1…").arg(m_secrets.name()));
    m_secretsPending = int(m_secretEntries.size());
    const QPointer<SettingsDialog> self(this);
    auto failure = std::make_shared<QString>();
    for (const SecretEntry &entry : std::as_const(m_secretEntries)) {
        SecretField *field = entry.field;
        // Only whether it exists matters: the value is dropped at once and never reaches a widget.
        m_secrets.read(QString::fromLatin1(entry.key), [self, field, failure](const SecretResult &result) {
            if (!self)
                return;
            using Status = SecretResult::Status;
            field->setState(result.ok() ? SecretField::State::Stored
                            : result.status == Status::NotFound ? SecretField::State::NotStored
                                                                : SecretField::State::Unavailable);
            if (!result.ok() && result.status != Status::NotFound && failure->isEmpty())
                *failure = result.message;
            if (--self->m_secretsPending > 0)
                return;
            self->m_keychainNote->setText(
                failure->isEmpty()
                    ? tr("Secrets are kept in the %1 and never shown. Type a new value to replace one; Remove deletes it "
                         "when you save.").arg(self->m_secrets.name())
                    : tr("The %1 could not be read: %2. Unlock your keyring, then open Settings again.")
                          .arg(self->m_secrets.name(), *failure));
            self->updateButtons();
        });
    }
}

EffectiveConfig SettingsDialog::draft() const
{
    EffectiveConfig c;
    c.twilioApiBase = urlOrDefault(text(QStringLiteral("twilioApiBase")), Settings::defaultTwilioApiBase());
    c.vapiApiBase = urlOrDefault(text(QStringLiteral("vapiApiBase")), Settings::defaultVapiApiBase());
    c.smtpUrl = QUrl(text(QStringLiteral("smtpUrl")));
    c.smtpUser = text(QStringLiteral("smtpUser"));
    c.smtpCaFile = text(QStringLiteral("smtpCaFile"));
    c.senderAddress = text(QStringLiteral("senderAddress"));
    c.twilioAccountSid = text(QStringLiteral("twilioAccountSid"));
    c.serverUrl = m_settings.serverUrl(); // not edited here
    c.brandingCompanyName = text(QStringLiteral("brandingCompanyName"));
    c.brandingSupportContact = text(QStringLiteral("brandingSupportContact"));
    c.brandingLogoUrl = QUrl(text(QStringLiteral("brandingLogoUrl")));
    c.defaultCountry = m_country->countryCode();
    c.defaultAreaCode = text(QStringLiteral("defaultAreaCode"));
    c.databaseUrl = text(QStringLiteral("databaseUrl"));
    return c;
}

QStringList SettingsDialog::problems() const
{
    return m_problems;
}

void SettingsDialog::revalidate()
{
    if (!m_country || !m_preview) // still building the pages
        return;
    m_problems.clear();
    QStringList titles;
    QList<bool> tabHasError(m_tabs->count(), false);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    for (const Field &field : std::as_const(m_fields)) {
        FieldCheck check = field.check();
        if (check.severity == FieldCheck::Severity::Ok && !field.environmentVariable.isEmpty()
            && !m_environment.value(field.environmentVariable).isEmpty())
            check = FieldCheck::note(tr("%1 is set in the environment and is used instead of this value.").arg(field.environmentVariable));
        field.messageRow->setVisible(check.severity != FieldCheck::Severity::Ok);
        field.message->setText(check.message);
        field.input->setAccessibleDescription(check.message);
        if (check.severity != FieldCheck::Severity::Ok) {
            const auto icon = check.isError() ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
            field.icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(iconSize, iconSize));
        }
        if (check.isError()) {
            m_problems.append(check.message);
            titles.append(field.title);
            tabHasError[field.tab] = true;
        }
    }
    for (int tab = 0; tab < m_tabs->count(); ++tab)
        m_tabs->setTabIcon(tab, tabHasError[tab] ? style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this) : QIcon());
    const QString names = titles.join(QStringLiteral(", "));
    if (!titles.isEmpty() && m_mode == Mode::Edit)
        m_status->setText(titles.size() == 1 ? tr("Fix 1 problem to save: %1.").arg(names)
                                             : tr("Fix %1 problems to save: %2.").arg(titles.size()).arg(names));
    else if (!titles.isEmpty())
        m_status->setText(tr("Stored settings that need attention: %1.").arg(names));
    else if (!m_saving)
        m_status->clear();
    updateButtons();
}

void SettingsDialog::updateBranding()
{
    if (!m_preview)
        return;
    m_preview->setBranding({text(QStringLiteral("brandingCompanyName")), text(QStringLiteral("brandingSupportContact")),
                            QUrl(text(QStringLiteral("brandingLogoUrl")))});
}

void SettingsDialog::updateButtons()
{
    const bool valid = m_problems.isEmpty();
    if (m_saveButton)
        m_saveButton->setEnabled(valid && !m_saving && m_secretsPending == 0);
    m_testButton->setEnabled(valid && !m_testing && !m_saving);
    // While the keychain writes, what is typed must not change under them.
    m_tabs->setEnabled(!m_saving);
}

void SettingsDialog::save()
{
    if (m_mode != Mode::Edit || !m_problems.isEmpty() || m_saving || m_secretsPending > 0)
        return;
    const EffectiveConfig c = draft();
    m_settings.setTwilioApiBase(unlessDefault(text(QStringLiteral("twilioApiBase")), Settings::defaultTwilioApiBase()));
    m_settings.setVapiApiBase(unlessDefault(text(QStringLiteral("vapiApiBase")), Settings::defaultVapiApiBase()));
    m_settings.setDatabaseUrl(c.databaseUrl);
    m_settings.setTwilioAccountSid(c.twilioAccountSid);
    m_settings.setSmtpUrl(c.smtpUrl);
    m_settings.setSmtpUser(c.smtpUser);
    m_settings.setSmtpCaFile(c.smtpCaFile);
    m_settings.setSenderAddress(c.senderAddress);
    m_settings.setBrandingCompanyName(c.brandingCompanyName);
    m_settings.setBrandingSupportContact(c.brandingSupportContact);
    m_settings.setBrandingLogoUrl(c.brandingLogoUrl);
    m_settings.setDefaultCountry(c.defaultCountry);
    m_settings.setDefaultAreaCode(c.defaultAreaCode);
    m_settings.setQueueConcurrency(m_queueConcurrency->value());
    QStringList kept;
    for (int row = 0; row < m_compliance->rowCount(); ++row) {
        const QString cc = m_compliance->item(row, 0)->text().trimmed().toUpper();
        m_settings.setDefaultBundle(cc, m_compliance->item(row, 1)->text().trimmed());
        m_settings.setDefaultAddress(cc, m_compliance->item(row, 2)->text().trimmed());
        kept << cc;
    }
    for (const QString &cc : std::as_const(m_loadedComplianceCountries)) {
        if (!kept.contains(cc)) { // removed: the first bundle that fits is picked again
            m_settings.setDefaultBundle(cc, QString());
            m_settings.setDefaultAddress(cc, QString());
        }
    }
    m_loadedComplianceCountries = kept;

    QList<SecretEntry> changes;
    for (const SecretEntry &entry : std::as_const(m_secretEntries)) {
        if (entry.field->hasChange())
            changes.append(entry);
    }
    if (changes.isEmpty())
        return finishSave({});

    m_saving = true;
    m_status->setText(tr("Saving to the %1…").arg(m_secrets.name()));
    updateButtons();
    const QPointer<SettingsDialog> self(this);
    auto remaining = std::make_shared<int>(int(changes.size()));
    auto failures = std::make_shared<QStringList>();
    for (const SecretEntry &entry : std::as_const(changes)) {
        const bool removing = entry.field->removalRequested();
        auto done = [self, remaining, failures, removing, field = entry.field, title = entry.title](const SecretResult &result) {
            if (!self)
                return;
            if (result.ok()) {
                field->clearChange();
                field->setState(removing ? SecretField::State::NotStored : SecretField::State::Stored);
            } else {
                failures->append(QStringLiteral("%1 (%2)").arg(title, result.message));
            }
            if (--*remaining == 0)
                self->finishSave(*failures);
        };
        if (removing)
            m_secrets.remove(QString::fromLatin1(entry.key), done);
        else
            m_secrets.write(QString::fromLatin1(entry.key), entry.field->newValue(), done);
    }
}

void SettingsDialog::finishSave(const QStringList &failures)
{
    m_saving = false;
    if (failures.isEmpty()) {
        m_status->clear();
        updateButtons();
        Q_EMIT saved();
        accept();
        return;
    }
    m_status->setText(tr("The other settings are saved, but the %1 did not take: %2. Unlock your keyring and press Save again.")
                          .arg(m_secrets.name(), failures.join(QStringLiteral("; "))));
    updateButtons();
}

void SettingsDialog::testConfiguration()
{
    if (!m_test || !m_problems.isEmpty() || m_testing || m_saving)
        return;
    m_testing = true;
    const int run = ++m_testRun;
    m_checkGroup->show();
    m_checkView->showRunning();
    updateButtons();

    // What the dialog shows wins over the store: a typed value, or nothing where removal is pending.
    struct Override {
        QString Credentials::*member;
        QString value;
    };
    QList<Override> overrides;
    for (const SecretEntry &entry : std::as_const(m_secretEntries)) {
        if (entry.field->hasChange())
            overrides.append({entry.member, entry.field->removalRequested() ? QString() : entry.field->newValue()});
    }

    const QPointer<SettingsDialog> self(this);
    const EffectiveConfig config = draft();
    readCredentials(m_secrets, [self, run, config, overrides](const Result<Credentials> &stored) {
        if (!self || self->m_testRun != run)
            return;
        if (!stored) {
            self->finishTest(run, {{QStringLiteral("success"), false},
                                   {QStringLiteral("error"), tr("the %1 could not be read: %2").arg(self->m_secrets.name(), stored.error().message)}});
            return;
        }
        Credentials credentials = stored.value();
        for (const Override &o : overrides)
            credentials.*(o.member) = o.value;
        self->m_test(config, credentials, [self, run](const QJsonObject &result) {
            if (self)
                self->finishTest(run, result);
        });
    });
}

void SettingsDialog::finishTest(int run, const QJsonObject &result)
{
    if (run != m_testRun || !m_testing)
        return; // a late answer to an earlier test, or a second call of done
    m_testing = false;
    m_checkView->showResult(result);
    updateButtons();
}

} // namespace oc
