// The settings dialog's pages: layout only. Behaviour (load, validate, save, test) is in settingsdialog.cpp.
#include "settingsdialog.h"
#include "messagebanner.h"

#include "emailpreviewpanel.h"
#include "countrypicker.h"
#include "secretfield.h"
#include "settingsvalidation.h"
#include "store/databaseurl.h"

#include <QComboBox>
#include <QSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QSet>
#include <QTableWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace oc {

namespace {

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QFormLayout *newForm(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

} // namespace

QWidget *SettingsDialog::buildBanner()
{
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this) * 2 / 3;
    auto *banner = new MessageBanner(QStyle::SP_MessageBoxInformation, size, this);
    banner->setObjectName(QStringLiteral("sandboxBanner"));
    banner->text()->setText(tr("<b>Sandbox mode</b> — these settings apply when you start OrgConsole without "
                               "--sandbox. They are shown read-only; nothing here is used by the sandbox."));
    banner->text()->setAccessibleName(tr("Sandbox mode: settings are read-only"));
    return banner;
}

QWidget *SettingsDialog::buildFirstRunBanner(const QString &problem)
{
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this) * 2 / 3;
    auto *banner = new MessageBanner(QStyle::SP_MessageBoxInformation, size, this);
    banner->setObjectName(QStringLiteral("firstRunBanner"));
    banner->text()->setTextFormat(Qt::PlainText);
    banner->text()->setText(tr("Provisioning is not configured yet: %1.\n\nEnter the Twilio account SID and the Twilio and VAPI "
                               "secrets (kept in your keychain, never in a file), the SMTP server for the owners' e-mails, then press "
                               "Test configuration. Save applies them at once: no restart.")
                                .arg(problem));
    return banner;
}

QWidget *SettingsDialog::buildEndpointsPage()
{
    const int tab = 0;
    auto *page = new QWidget(this);
    auto *apis = new QGroupBox(tr("Provider APIs"), page);
    auto *apiForm = newForm(apis);
    addLineEdit(apiForm, tr("Twilio API base:"), QStringLiteral("twilioApiBase"), tab, &SettingsValidation::endpoint, "TWILIO_API_BASE")
        ->setPlaceholderText(tr("%1 (default)").arg(Settings::defaultTwilioApiBase().toString()));
    addLineEdit(apiForm, tr("VAPI API base:"), QStringLiteral("vapiApiBase"), tab, &SettingsValidation::endpoint, "VAPI_API_BASE")
        ->setPlaceholderText(tr("%1 (default)").arg(Settings::defaultVapiApiBase().toString()));
    apiForm->addRow(hint(tr("Leave these empty for the providers' own endpoints. Other addresses are for testing; "
                            "they must use https unless they run on this machine."), apis));

    auto *database = new QGroupBox(tr("Database"), page);
    auto *dbForm = newForm(database);
    addLineEdit(dbForm, tr("Database URL:"), QStringLiteral("databaseUrl"), tab, &SettingsValidation::databaseUrl, "ORGCONSOLE_DATABASE")
        ->setPlaceholderText(tr("%1 (default)").arg(DatabaseUrl::defaultLocation().toDisplayString()));
    dbForm->addRow(hint(tr("A file path or sqlite:PATH for a database on this computer; postgresql://user@host:5432/dbname "
                           "to share one with your team. Takes effect the next time OrgConsole starts."), database));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(apis);
    layout->addWidget(database);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildCredentialsPage()
{
    const int tab = 1;
    auto *page = new QWidget(this);
    m_keychainNote = hint(QString(), page);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));

    auto *twilio = new QGroupBox(tr("Twilio"), page);
    auto *twilioForm = newForm(twilio);
    addLineEdit(twilioForm, tr("Account SID:"), QStringLiteral("twilioAccountSid"), tab, &SettingsValidation::twilioAccountSid,
                "TWILIO_ACCOUNT_SID")
        ->setPlaceholderText(QStringLiteral("AC…"));
    // Short values get short fields: the width hints at what belongs there.
    findChild<QLineEdit *>(QStringLiteral("twilioAccountSid"))->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 30);
    addSecret(twilioForm, tr("Auth token:"), tr("Twilio auth token"), SecretKeys::TwilioAuthToken, &Credentials::twilioAuthToken, QStringLiteral("twilioAuthToken"));

    auto *vapi = new QGroupBox(tr("VAPI"), page);
    addSecret(newForm(vapi), tr("Private API key:"), tr("VAPI API key"), SecretKeys::VapiApiKey, &Credentials::vapiApiKey, QStringLiteral("vapiApiKey"));

    auto *smtp = new QGroupBox(tr("SMTP"), page);
    auto *smtpForm = newForm(smtp);
    addSecret(smtpForm, tr("Password:"), tr("SMTP password"), SecretKeys::SmtpPassword, &Credentials::smtpPassword, QStringLiteral("smtpPassword"));
    smtpForm->addRow(hint(tr("The SMTP server and user are on the E-mail tab."), smtp));

    auto *service = new QGroupBox(tr("Service (orgctl serve)"), page);
    auto *serviceForm = newForm(service);
    addSecret(serviceForm, tr("Webhook secret:"), tr("webhook secret"), SecretKeys::WebhookSecret, &Credentials::webhookSecret,
              QStringLiteral("webhookSecret"));
    serviceForm->addRow(hint(tr("Signs the platform's approval webhook (X-OrgConsole-Signature). Empty: the webhook is refused."), service));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_keychainNote);
    layout->addWidget(twilio);
    layout->addWidget(vapi);
    layout->addWidget(smtp);
    layout->addWidget(service);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildEmailPage()
{
    const int tab = 2;
    auto *page = new QWidget(this);

    auto *server = new QGroupBox(tr("SMTP server"), page);
    auto *serverForm = newForm(server);
    addLineEdit(serverForm, tr("Server URL:"), QStringLiteral("smtpUrl"), tab, &SettingsValidation::smtpUrl, "SMTP_URL")
        ->setPlaceholderText(QStringLiteral("smtps://smtp.example.com:465"));
    addLineEdit(serverForm, tr("User:"), QStringLiteral("smtpUser"), tab,
                [this](const QString &t) { return SettingsValidation::smtpUser(t, !text(QStringLiteral("smtpUrl")).isEmpty()); },
                "SMTP_USER");
    auto *caEdit = new QLineEdit(server);
    caEdit->setObjectName(QStringLiteral("smtpCaFile"));
    caEdit->setAccessibleName(tr("CA certificate file"));
    caEdit->setPlaceholderText(tr("the system's trusted certificates"));
    m_browseCa = new QPushButton(tr("Browse…"), server);
    m_browseCa->setAccessibleName(tr("Choose the CA certificate file"));
    connect(m_browseCa, &QPushButton::clicked, this, [this, caEdit] {
        const QString start = caEdit->text().isEmpty() ? QString() : QFileInfo(caEdit->text()).absolutePath();
        auto *dialog = new QFileDialog(this, tr("CA certificate for the SMTP server"), start,
                                       tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, caEdit, [caEdit](const QString &chosen) {
            if (!chosen.isEmpty())
                caEdit->setText(chosen);
        });
        dialog->open();
    });
    auto *caRow = new QWidget(server);
    caRow->setObjectName(QStringLiteral("smtpCaFileRow"));
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(caEdit, 1);
    caLayout->addWidget(m_browseCa);
    connect(caEdit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    addValidatedRow(serverForm, tr("CA file:"), caRow, tab, tr("CA file"),
                    [caEdit] { return SettingsValidation::caFile(caEdit->text()); }, "SMTP_CA_FILE");
    addLineEdit(serverForm, tr("Sender address:"), QStringLiteral("senderAddress"), tab,
                [this](const QString &t) { return SettingsValidation::senderAddress(t, !text(QStringLiteral("smtpUrl")).isEmpty()); },
                "ADMIN_EMAIL_FROM_USER")
        ->setPlaceholderText(QStringLiteral("notifications@example.com"));

    auto *branding = new QGroupBox(tr("Branding"), page);
    auto *brandingForm = newForm(branding);
    const auto any = [](const QString &) { return FieldCheck::ok(); };
    addLineEdit(brandingForm, tr("Company name:"), QStringLiteral("brandingCompanyName"), tab, any)->setPlaceholderText(QStringLiteral("OrgConsole"));
    addLineEdit(brandingForm, tr("Support contact:"), QStringLiteral("brandingSupportContact"), tab, any)
        ->setPlaceholderText(tr("support@example.com, a web address or a phone number"));
    addLineEdit(brandingForm, tr("Logo URL:"), QStringLiteral("brandingLogoUrl"), tab, &SettingsValidation::logoUrl)
        ->setPlaceholderText(QStringLiteral("https://example.com/logo.png"));
    brandingForm->addRow(hint(tr("Shown in the e-mails organization owners receive when a setup is ready or has failed."), branding));
    for (const char *name : {"brandingCompanyName", "brandingSupportContact", "brandingLogoUrl"})
        connect(findChild<QLineEdit *>(QLatin1String(name)), &QLineEdit::textChanged, this, &SettingsDialog::updateBranding);

    auto *previewBox = new QGroupBox(tr("Preview"), page);
    m_preview = new EmailPreviewPanel(previewBox);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto *left = new QVBoxLayout;
    left->addWidget(server);
    left->addWidget(branding);
    left->addStretch(1);
    auto *layout = new QHBoxLayout(page);
    layout->addLayout(left, 4);
    layout->addWidget(previewBox, 5);
    return page;
}

QWidget *SettingsDialog::buildDefaultsPage()
{
    const int tab = 3;
    auto *page = new QWidget(this);
    auto *box = new QGroupBox(tr("New setups"), page);
    auto *form = newForm(box);
    m_country = new CountryPicker(box);
    m_country->setObjectName(QStringLiteral("defaultCountry"));
    m_country->setAccessibleName(tr("Default country"));
    form->addRow(tr("Country:"), m_country);
    connect(m_country, &QComboBox::editTextChanged, this, &SettingsDialog::revalidate);
    addLineEdit(form, tr("Area code:"), QStringLiteral("defaultAreaCode"), tab,
                [this](const QString &t) { return SettingsValidation::areaCode(t, m_country->countryCode()); })
        ->setPlaceholderText(tr("any, e.g. 510"));
    findChild<QLineEdit *>(QStringLiteral("defaultAreaCode"))->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 16);
    m_country->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 24);
    form->addRow(hint(tr("Preselected when you approve an organization; you can change them for each setup."), box));

    auto *team = new QGroupBox(tr("Team"), page);
    auto *teamForm = newForm(team);
    m_queueConcurrency = new QSpinBox(team);
    m_queueConcurrency->setObjectName(QStringLiteral("queueConcurrency"));
    m_queueConcurrency->setRange(0, 64);
    m_queueConcurrency->setSpecialValueText(tr("none — leave them to the workers"));
    m_queueConcurrency->setSuffix(tr(" at once"));
    m_queueConcurrency->setAccessibleName(tr("Queued approvals this console sets up at once"));
    teamForm->addRow(tr("Set up queued approvals:"), m_queueConcurrency);
    teamForm->addRow(hint(tr("While it is open, this console sets up approvals queued by anyone (orgctl approve --queue, the "
                             "service, a colleague's bulk approval) like a worker. Applies at once."), team));

    // Outside the US and Canada a purchase needs an approved regulatory bundle and an address (README "Numbers
    // outside the US and Canada"): the ones a country's approvals use unless they name others.
    auto *compliance = new QGroupBox(tr("Regulatory compliance"), page);
    auto *complianceForm = newForm(compliance);
    m_compliance = new QTableWidget(0, 3, compliance);
    m_compliance->setObjectName(QStringLiteral("complianceDefaults"));
    m_compliance->setAccessibleName(tr("Default bundle and address per country"));
    m_compliance->setHorizontalHeaderLabels({tr("Country"), tr("Bundle (BU…)"), tr("Address (AD…)")});
    m_compliance->verticalHeader()->hide();
    m_compliance->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_compliance->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_compliance->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_compliance->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_compliance->setMinimumHeight(fontMetrics().lineSpacing() * 7);
    connect(m_compliance, &QTableWidget::itemChanged, this, &SettingsDialog::revalidate);
    connect(m_compliance, &QTableWidget::itemSelectionChanged, this,
            [this] { m_removeCompliance->setEnabled(m_mode == Mode::Edit && !m_compliance->selectedItems().isEmpty()); });
    addValidatedRow(complianceForm, tr("Defaults:"), m_compliance, tab, tr("Regulatory compliance defaults"), [this] {
        QSet<QString> seen;
        FieldCheck note;
        for (int row = 0; row < m_compliance->rowCount(); ++row) {
            const auto cell = [this, row](int column) {
                const QTableWidgetItem *item = m_compliance->item(row, column);
                return item ? item->text().trimmed() : QString();
            };
            const FieldCheck check = SettingsValidation::complianceDefault(cell(0), cell(1), cell(2));
            if (check.isError())
                return check;
            if (check.severity == FieldCheck::Severity::Note && note.message.isEmpty())
                note = check;
            const QString cc = cell(0).toUpper();
            if (seen.contains(cc))
                return FieldCheck::error(tr("%1 is listed twice: keep one row per country.").arg(cc));
            seen.insert(cc);
        }
        return note;
    });
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("A&dd country"), compliance);
    add->setObjectName(QStringLiteral("addComplianceDefault"));
    add->setEnabled(m_mode == Mode::Edit);
    connect(add, &QPushButton::clicked, this, [this] { addComplianceRow(); });
    m_removeCompliance = new QPushButton(tr("Re&move"), compliance);
    m_removeCompliance->setObjectName(QStringLiteral("removeComplianceDefault"));
    m_removeCompliance->setEnabled(false);
    connect(m_removeCompliance, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &index : m_compliance->selectionModel()->selectedRows())
            rows << index.row();
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : std::as_const(rows))
            m_compliance->removeRow(row);
        revalidate();
    });
    buttons->addWidget(add);
    buttons->addWidget(m_removeCompliance);
    buttons->addStretch(1);
    complianceForm->addRow(QString(), buttons);
    complianceForm->addRow(hint(tr("Approvals in a country listed here use its bundle and address unless they name others (orgctl "
                                   "--bundle/--address); elsewhere the most recently approved bundle and an address in the country "
                                   "are picked. Find the sids in Twilio's console: Regulatory Compliance → Bundles, Phone Numbers → "
                                   "Addresses."), compliance));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(box);
    layout->addWidget(team);
    layout->addWidget(compliance, 1);
    return page;
}

void SettingsDialog::addComplianceRow(const QString &country, const QString &bundle, const QString &address)
{
    const QSignalBlocker blocker(m_compliance);
    const int row = m_compliance->rowCount();
    m_compliance->insertRow(row);
    m_compliance->setItem(row, 0, new QTableWidgetItem(country));
    m_compliance->setItem(row, 1, new QTableWidgetItem(bundle));
    m_compliance->setItem(row, 2, new QTableWidgetItem(address));
    if (m_mode != Mode::Edit) {
        for (int column = 0; column < 3; ++column)
            m_compliance->item(row, column)->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    } else if (country.isEmpty()) {
        m_compliance->setCurrentCell(row, 0);
        m_compliance->editItem(m_compliance->item(row, 0));
    }
    revalidate();
}

QLineEdit *SettingsDialog::addLineEdit(QFormLayout *form, const QString &label, const QString &objectName, int tab,
                                       std::function<FieldCheck(const QString &)> check, const char *environmentVariable)
{
    auto *edit = new QLineEdit(form->parentWidget());
    edit->setObjectName(objectName);
    QString title = label;
    title.remove(QLatin1Char(':'));
    edit->setAccessibleName(title);
    connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    addValidatedRow(form, label, edit, tab, title, [edit, check] { return check(edit->text()); }, environmentVariable);
    return edit;
}

void SettingsDialog::addValidatedRow(QFormLayout *form, const QString &label, QWidget *input, int tab, const QString &title,
                                     std::function<FieldCheck()> check, const char *environmentVariable)
{
    // The field with its message under it; the message row collapses when there is nothing to say.
    auto *cell = new QWidget(form->parentWidget());
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    input->setParent(cell);
    column->addWidget(input);
    auto *messageRow = new QWidget(cell);
    auto *row = new QHBoxLayout(messageRow);
    row->setContentsMargins(0, 0, 0, 2);
    auto *icon = new QLabel(messageRow);
    auto *message = new QLabel(messageRow);
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText); // messages quote what was typed
    message->setObjectName(input->objectName() + QStringLiteral("Message"));
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(message, 1);
    messageRow->hide();
    column->addWidget(messageRow);
    cell->setFocusProxy(input); // the label's buddy and tab order reach the field itself
    form->addRow(label, cell);
    m_fields.append({input, icon, message, messageRow, tab, title,
                     environmentVariable ? QString::fromLatin1(environmentVariable) : QString(), std::move(check)});
}

SecretField *SettingsDialog::addSecret(QFormLayout *form, const QString &label, const QString &title, const char *key,
                                       QString Credentials::*member, const QString &objectName)
{
    auto *field = new SecretField(title, form->parentWidget());
    field->setObjectName(objectName + QStringLiteral("Field"));
    field->lineEdit()->setObjectName(objectName);
    connect(field, &SecretField::changed, this, &SettingsDialog::revalidate);
    const int tab = 1;
    addValidatedRow(form, label, field, tab, title, [field] { return SettingsValidation::secret(field->lineEdit()->text()); });
    m_secretEntries.append({key, member, title, field});
    return field;
}

} // namespace oc
