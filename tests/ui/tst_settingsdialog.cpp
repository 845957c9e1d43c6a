// The settings dialog: secrets only through the SecretStore and never shown, everything else into
// QSettings, inline validation that blocks Save, a live and escaped e-mail preview, and the asynchronous
// "Test configuration".
#include "configurationcheckview.h"
#include "emailpreviewbrowser.h"
#include "emailpreviewpanel.h"
#include "secretfield.h"
#include "secrets/memorysecretstore.h"
#include "settingsdialog.h"
#include "settingsvalidation.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace oc;

namespace {

const QString kToken = QStringLiteral("tok-9f8e7d6c5b4a39281706");
const QString kVapiKey = QStringLiteral("vapi-1b2c3d4e5f60718293a4");
const QString kSmtpPassword = QStringLiteral("smtp-pw-6a5b4c3d2e1f");

// Every piece of text a widget tree shows or announces.
QStringList everyText(const QWidget *root)
{
    QStringList texts{root->windowTitle()};
    for (const QWidget *w : root->findChildren<QWidget *>()) {
        texts << w->toolTip() << w->accessibleName() << w->accessibleDescription() << w->statusTip() << w->whatsThis();
        if (auto *e = qobject_cast<const QLineEdit *>(w))
            texts << e->text() << e->displayText() << e->placeholderText();
        else if (auto *l = qobject_cast<const QLabel *>(w))
            texts << l->text();
        else if (auto *b = qobject_cast<const QAbstractButton *>(w))
            texts << b->text();
        else if (auto *p = qobject_cast<const QPlainTextEdit *>(w))
            texts << p->toPlainText();
        else if (auto *t = qobject_cast<const QTextBrowser *>(w))
            texts << t->toHtml();
        else if (auto *g = qobject_cast<const QGroupBox *>(w))
            texts << g->title();
    }
    return texts;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;

    QString settingsPath() const { return m_dir->filePath(QStringLiteral("orgconsole.ini")); }

    void store(const char *key, const QString &value)
    {
        bool done = false;
        m_secrets->write(QString::fromLatin1(key), value, [&](const SecretResult &r) { done = r.ok(); });
        QTRY_VERIFY(done);
    }

    std::optional<QString> stored(const char *key)
    {
        std::optional<SecretResult> answer;
        m_secrets->read(QString::fromLatin1(key), [&](const SecretResult &r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000) || !answer->ok())
            return std::nullopt;
        return answer->value;
    }

    static QLineEdit *edit(const SettingsDialog &dialog, const char *name)
    {
        auto *e = dialog.findChild<QLineEdit *>(QLatin1String(name));
        if (!e)
            qFatal("no field %s", name);
        return e;
    }

    static SecretField *secretField(const SettingsDialog &dialog, const char *name)
    {
        return dialog.findChild<SecretField *>(QLatin1String(name) + QStringLiteral("Field"));
    }

    static bool secretsChecked(const SettingsDialog &dialog)
    {
        for (SecretField *f : dialog.findChildren<SecretField *>()) {
            if (f->state() == SecretField::State::Checking)
                return false;
        }
        return true;
    }

    static void type(QLineEdit *e, const QString &text)
    {
        e->selectAll();
        QTest::keyClick(e, Qt::Key_Delete);
        QTest::keyClicks(e, text);
    }

    static void saveScreenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents(); // widgets added to a visible layout are shown from the event loop
        QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_qsettings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(*m_qsettings);
        m_secrets = std::make_unique<MemorySecretStore>();
    }
    void cleanup()
    {
        m_secrets.reset();
        m_settings.reset();
        m_qsettings.reset();
        m_dir.reset();
    }

    void storedSecretsAreNeverShown()
    {
        store(SecretKeys::TwilioAuthToken, kToken);
        store(SecretKeys::VapiApiKey, kVapiKey);
        store(SecretKeys::SmtpPassword, kSmtpPassword);
        SettingsDialog dialog(*m_settings, *m_secrets, [](auto, auto, auto) {});
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        for (const char *name : {"twilioAuthToken", "vapiApiKey", "smtpPassword"}) {
            SecretField *field = secretField(dialog, name);
            QVERIFY(field);
            QCOMPARE(field->state(), SecretField::State::Stored);
            QVERIFY(field->lineEdit()->text().isEmpty());
            QVERIFY2(field->lineEdit()->placeholderText().contains(QStringLiteral("stored in keychain")),
                     qPrintable(field->lineEdit()->placeholderText()));
            QVERIFY(field->removeButton()->isEnabled());
        }
        for (int tab = 0; tab < dialog.tabs()->count(); ++tab) {
            dialog.tabs()->setCurrentIndex(tab);
            saveScreenshot(dialog, QStringLiteral("settings-%1.png").arg(tab));
        }
        const QStringList texts = everyText(&dialog);
        for (const QString &secret : {kToken, kVapiKey, kSmtpPassword}) {
            for (const QString &text : texts)
                QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("a widget shows a stored secret: %1").arg(text)));
        }
        // A newly typed value is masked too.
        QLineEdit *token = secretField(dialog, "twilioAuthToken")->lineEdit();
        QTest::keyClicks(token, QStringLiteral("new-token"));
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(!token->displayText().contains(QStringLiteral("new")));
    }

    void savingWritesSecretsToTheStoreAndTheRestToSettings()
    {
        store(SecretKeys::SmtpPassword, kSmtpPassword);
        store(SecretKeys::VapiApiKey, kVapiKey);
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        QSignalSpy saved(&dialog, &SettingsDialog::saved);
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        QVERIFY(!dialog.testButton()->isVisible()); // no test function given

        type(edit(dialog, "twilioApiBase"), QStringLiteral("http://localhost:4010"));
        type(edit(dialog, "twilioAccountSid"), QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        type(edit(dialog, "smtpUrl"), QStringLiteral("smtps://smtp.example.com:465"));
        type(edit(dialog, "smtpUser"), QStringLiteral("mailer"));
        type(edit(dialog, "senderAddress"), QStringLiteral("notifications@example.com"));
        type(edit(dialog, "brandingCompanyName"), QStringLiteral("Acme Voice"));
        type(edit(dialog, "defaultAreaCode"), QStringLiteral("415"));
        auto *country = dialog.findChild<QComboBox *>(QStringLiteral("defaultCountry"));
        country->setCurrentIndex(country->findData(QStringLiteral("CA")));
        QTest::keyClicks(secretField(dialog, "twilioAuthToken")->lineEdit(), QStringLiteral("  ") + kToken + QStringLiteral(" "));
        QTest::mouseClick(secretField(dialog, "smtpPassword")->removeButton(), Qt::LeftButton);
        QVERIFY(secretField(dialog, "smtpPassword")->lineEdit()->placeholderText().contains(QStringLiteral("removed")));

        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        QVERIFY(dialog.saveButton()->isEnabled());
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(dialog.isBusy()); // the keychain answers asynchronously ...
        QVERIFY(!dialog.tabs()->isEnabled()); // ... and nothing can be edited meanwhile
        QVERIFY(!dialog.saveButton()->isEnabled());
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 1);

        QCOMPARE(stored(SecretKeys::TwilioAuthToken), std::optional<QString>(kToken)); // trimmed
        QCOMPARE(stored(SecretKeys::VapiApiKey), std::optional<QString>(kVapiKey));    // untouched
        QVERIFY(!m_secrets->contains(QString::fromLatin1(SecretKeys::SmtpPassword)));

        m_qsettings->sync();
        QSettings reread(settingsPath(), QSettings::IniFormat);
        const Settings check(reread);
        QCOMPARE(check.twilioApiBase(), QUrl(QStringLiteral("http://localhost:4010")));
        QCOMPARE(check.vapiApiBase(), Settings::defaultVapiApiBase());
        QCOMPARE(check.twilioAccountSid(), QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QCOMPARE(check.smtpUrl(), QUrl(QStringLiteral("smtps://smtp.example.com:465")));
        QCOMPARE(check.smtpUser(), QStringLiteral("mailer"));
        QCOMPARE(check.senderAddress(), QStringLiteral("notifications@example.com"));
        QCOMPARE(check.brandingCompanyName(), QStringLiteral("Acme Voice"));
        QCOMPARE(check.defaultCountry(), QStringLiteral("CA"));
        QCOMPARE(check.defaultAreaCode(), QStringLiteral("415"));
        QVERIFY(!reread.contains(QStringLiteral("vapi/apiBase"))); // the default is not pinned
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        for (const QString &secret : {kToken, kVapiKey, kSmtpPassword})
            QVERIFY2(!contents.contains(secret.toUtf8()), contents.constData());
    }

    // Defaults → Regulatory compliance: a default bundle and address per country, checked as typed, saved to
    // the settings orgctl and the console read; a removed row is forgotten (issue 13).
    void complianceDefaultsPerCountry()
    {
        const QString bundle = QStringLiteral("BU0de0a9900000000000000000000000a1");
        const QString address = QStringLiteral("AD0de0be41100000000000000000000001");
        m_settings->setDefaultBundle(QStringLiteral("AU"), QStringLiteral("BU00000000000000000000000000000a01"));
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        QSignalSpy saved(&dialog, &SettingsDialog::saved);
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        QTableWidget *table = dialog.complianceTable();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1); // what is stored is listed
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("AU"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("BU00000000000000000000000000000a01"));

        auto *add = dialog.findChild<QPushButton *>(QStringLiteral("addComplianceDefault"));
        QVERIFY(add);
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(!dialog.saveButton()->isEnabled()); // a row without a country
        QVERIFY(dialog.problems().join(QLatin1Char(' ')).contains(QStringLiteral("country code")));
        table->item(1, 0)->setText(QStringLiteral("de"));
        table->item(1, 1)->setText(QStringLiteral("BU123"));
        QVERIFY2(dialog.problems().join(QLatin1Char(' ')).contains(QStringLiteral("32 hexadecimal digits")), qPrintable(dialog.problems().join(QLatin1Char(' '))));
        QVERIFY(!dialog.saveButton()->isEnabled());
        table->item(1, 1)->setText(bundle);
        table->item(1, 2)->setText(address);
        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        table->item(1, 0)->setText(QStringLiteral("XX"));
        QVERIFY(!dialog.problems().isEmpty()); // not a country
        table->item(1, 0)->setText(QStringLiteral("AU"));
        QVERIFY(dialog.problems().join(QLatin1Char(' ')).contains(QStringLiteral("twice")));
        table->item(1, 0)->setText(QStringLiteral("de"));
        QVERIFY(dialog.problems().isEmpty());

        // Remove Australia's row: its default is forgotten on Save.
        table->selectRow(0);
        auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("removeComplianceDefault"));
        QVERIFY(remove && remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        dialog.tabs()->setCurrentIndex(3);
        saveScreenshot(dialog, QStringLiteral("settings-compliance.png"));
        QVERIFY(dialog.saveButton()->isEnabled());
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 1);

        m_qsettings->sync();
        QSettings reread(settingsPath(), QSettings::IniFormat);
        const Settings check(reread);
        QCOMPARE(check.complianceCountries(), QStringList{QStringLiteral("DE")});
        QCOMPARE(check.defaultBundle(QStringLiteral("DE")), bundle);
        QCOMPARE(check.defaultAddress(QStringLiteral("DE")), address);
        QCOMPARE(check.defaultBundle(QStringLiteral("AU")), QString());
    }

    void savingWithoutTouchingSecretsLeavesThemAlone()
    {
        store(SecretKeys::TwilioAuthToken, kToken);
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        dialog.show();
        QTRY_VERIFY(dialog.saveButton()->isEnabled());
        type(edit(dialog, "brandingCompanyName"), QStringLiteral("Acme"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(stored(SecretKeys::TwilioAuthToken), std::optional<QString>(kToken));
        QVERIFY(!m_secrets->contains(QString::fromLatin1(SecretKeys::VapiApiKey)));
    }

    void validationDisablesSaveWithAMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("tab");
        QTest::newRow("plain http endpoint") << "twilioApiBase" << "http://api.twilio.com" << "Use https://" << 0;
        QTest::newRow("not a web address") << "vapiApiBase" << "ftp://api.vapi.ai" << "Enter a web address" << 0;
        QTest::newRow("credentials in endpoint") << "vapiApiBase" << "https://user:pw@api.vapi.ai" << "Remove the user name" << 0;
        QTest::newRow("unknown database") << "databaseUrl" << "mysql://db.example.com/orgs" << "Unsupported database URL" << 0;
        QTest::newRow("bad account SID") << "twilioAccountSid" << "AC123" << "32 letters and digits" << 1;
        QTest::newRow("CA file missing") << "smtpCaFile" << "/nonexistent/ca.pem" << "File not found: /nonexistent/ca.pem" << 2;
        QTest::newRow("SMTP scheme") << "smtpUrl" << "https://smtp.example.com" << "smtps://host:465" << 2;
        QTest::newRow("logo on disk") << "brandingLogoUrl" << "file:///home/me/logo.png" << "web address of an image" << 2;
        QTest::newRow("area code letters") << "defaultAreaCode" << "51a" << "digits only" << 3;
        QTest::newRow("US area code") << "defaultAreaCode" << "051" << "three digits" << 3;
    }
    void validationDisablesSaveWithAMessage()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QFETCH(int, tab);
        SettingsDialog dialog(*m_settings, *m_secrets, [](auto, auto, auto) {});
        dialog.show();
        QTRY_VERIFY(dialog.saveButton()->isEnabled());
        // An SMTP server needs a user and a sender; give them so each row shows exactly its own problem.
        type(edit(dialog, "smtpUser"), QStringLiteral("mailer"));
        type(edit(dialog, "senderAddress"), QStringLiteral("notifications@example.com"));
        QLineEdit *e = edit(dialog, field.toLatin1().constData());
        type(e, value);
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(!dialog.testButton()->isEnabled());
        QCOMPARE(dialog.problems().size(), 1);
        QVERIFY2(dialog.problems().constFirst().contains(expected), qPrintable(dialog.problems().constFirst()));
        // Said where the field is, and in words under it.
        QVERIFY(!dialog.tabs()->tabIcon(tab).isNull());
        const auto *status = dialog.findChild<QLabel *>(QStringLiteral("statusMessage"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Fix 1 problem to save")), qPrintable(status->text()));
        dialog.tabs()->setCurrentIndex(tab);
        const QList<QLabel *> shown = dialog.findChildren<QLabel *>();
        QVERIFY(std::any_of(shown.begin(), shown.end(), [&](QLabel *l) { return l->isVisible() && l->text().contains(expected); }));
        if (field == u"smtpCaFile")
            saveScreenshot(dialog, QStringLiteral("settings-invalid.png"));

        // Save is refused even when called directly.
        dialog.save();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_qsettings->allKeys().isEmpty());

        e->clear();
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY(dialog.saveButton()->isEnabled());
        QVERIFY(dialog.tabs()->tabIcon(tab).isNull());
    }

    void endpointsMustBeEncryptedUnlessLocal_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("empty means default") << "" << true;
        QTest::newRow("https") << "https://api.twilio.com" << true;
        QTest::newRow("https with port and path") << "https://proxy.example.com:8443/twilio" << true;
        QTest::newRow("http localhost") << "http://localhost:4010" << true;
        QTest::newRow("http LOCALHOST") << "http://LOCALHOST:4010" << true;
        QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:4010" << true;
        QTest::newRow("http 127.1.2.3") << "http://127.1.2.3" << true;
        QTest::newRow("http ::1") << "http://[::1]:4010" << true;
        QTest::newRow("http LAN") << "http://10.0.0.5:4010" << false;
        QTest::newRow("http lookalike") << "http://localhost.evil.example" << false;
        QTest::newRow("no scheme") << "api.twilio.com" << false;
        QTest::newRow("no host") << "https://" << false;
        QTest::newRow("spaces") << "https://api twilio.com" << false;
    }
    void endpointsMustBeEncryptedUnlessLocal()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        const FieldCheck check = SettingsValidation::endpoint(url);
        QCOMPARE(!check.isError(), accepted);
        if (!accepted)
            QVERIFY(!check.message.isEmpty());
    }

    void smtpNeedsAUserAndASender()
    {
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        dialog.show();
        type(edit(dialog, "smtpUrl"), QStringLiteral("smtp://smtp.example.com:587"));
        QCOMPARE(dialog.problems().size(), 2);
        QVERIFY(!dialog.saveButton()->isEnabled());
        type(edit(dialog, "smtpUser"), QStringLiteral("mailer"));
        type(edit(dialog, "senderAddress"), QStringLiteral("not an address"));
        QCOMPARE(dialog.problems().size(), 1);
        QVERIFY2(dialog.problems().constFirst().contains(QStringLiteral("not an e-mail address")), qPrintable(dialog.problems().constFirst()));
        type(edit(dialog, "senderAddress"), QStringLiteral("notifications@example.com"));
        QVERIFY(dialog.problems().isEmpty());
    }

    void aReadableCaFileIsAccepted()
    {
        const QString path = m_dir->filePath(QStringLiteral("ca.pem"));
        QFile pem(path);
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        pem.close();
        const QString notPem = m_dir->filePath(QStringLiteral("notes.txt"));
        QFile other(notPem);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("hello");
        other.close();

        SettingsDialog dialog(*m_settings, *m_secrets, {});
        type(edit(dialog, "smtpCaFile"), path);
        QVERIFY(dialog.problems().isEmpty());
        type(edit(dialog, "smtpCaFile"), notPem);
        QCOMPARE(dialog.problems().size(), 1);
        QVERIFY(dialog.problems().constFirst().contains(QStringLiteral("no PEM certificate")));
        type(edit(dialog, "smtpCaFile"), m_dir->path());
        QVERIFY(dialog.problems().constFirst().contains(QStringLiteral("is a folder")));
    }

    void previewFollowsTheBrandingAndEscapesIt()
    {
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        dialog.show();
        dialog.tabs()->setCurrentIndex(2);
        EmailPreviewPanel *preview = dialog.preview();
        QVERIFY(preview->rendered(EmailPreviewPanel::Email::Approval).html.contains(QStringLiteral("OrgConsole")));

        const QString hostile = QStringLiteral("<script>alert(1)</script> & Co");
        QSignalSpy rendered(preview, &EmailPreviewPanel::renderedAgain);
        QTest::keyClicks(edit(dialog, "brandingCompanyName"), hostile); // one key at a time
        type(edit(dialog, "brandingSupportContact"), QStringLiteral("help@acme.example"));
        QTRY_COMPARE(rendered.count(), 1); // debounced: all those keys, one render
        QVERIFY(!QTest::qWaitFor([&] { return rendered.count() > 1; }, 2 * EmailPreviewPanel::RenderDelayMs));

        for (auto which : {EmailPreviewPanel::Email::Approval, EmailPreviewPanel::Email::Failure}) {
            const RenderedEmail email = preview->rendered(which);
            QVERIFY(!email.html.contains(QStringLiteral("<script>")));
            QVERIFY2(email.html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")), qPrintable(email.html));
            QVERIFY(email.html.contains(QStringLiteral("mailto:help@acme.example")));
            QVERIFY(email.text.contains(hostile)); // the text part is not HTML: shown verbatim
            preview->showEmail(which);
            // Shown as text, not run or swallowed as markup.
            QVERIFY2(preview->browser()->toPlainText().contains(hostile), qPrintable(preview->browser()->toPlainText()));
            QVERIFY(preview->textView()->toPlainText().contains(QStringLiteral("help@acme.example")));
        }
        QVERIFY(preview->rendered(EmailPreviewPanel::Email::Approval).subject.contains(QStringLiteral("Bright Smile Dental")));
        QVERIFY(preview->rendered(EmailPreviewPanel::Email::Failure).text.contains(QStringLiteral("buy_number")));
        preview->showEmail(EmailPreviewPanel::Email::Approval);
        saveScreenshot(dialog, QStringLiteral("settings-preview-hostile.png"));
    }

    void previewNeverLoadsImages()
    {
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        type(edit(dialog, "brandingLogoUrl"), QStringLiteral("https://cdn.acme.example/logo.png"));
        dialog.preview()->renderNow();
        QVERIFY(dialog.preview()->rendered(EmailPreviewPanel::Email::Approval).html.contains(QStringLiteral("https://cdn.acme.example/logo.png")));
        const QVariant image = dialog.preview()->browser()->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("https://cdn.acme.example/logo.png")));
        QVERIFY(image.canConvert<QImage>());
        QCOMPARE(image.value<QImage>().height(), 64); // the placeholder, drawn locally

        if (!qEnvironmentVariableIsEmpty("ORGCONSOLE_SCREENSHOT_DIR")) { // both e-mails whole, as the preview draws them
            for (auto which : {EmailPreviewPanel::Email::Approval, EmailPreviewPanel::Email::Failure}) {
                EmailPreviewBrowser page;
                page.resize(660, 1900);
                page.showEmail(dialog.preview()->rendered(which).html);
                saveScreenshot(page, which == EmailPreviewPanel::Email::Approval ? QStringLiteral("email-approval.png")
                                                                                : QStringLiteral("email-failure.png"));
            }
        }
    }

    void hiddenElementsAreDroppedFromThePreview()
    {
        const QString html = QStringLiteral(
            "<body><div style=\"display:none; max-height:0\">preheader <div>nested</div> still hidden</div>"
            "<p>shown</p><span style='color:red;display: none'>x</span><img style=\"display:none\" src=\"t.png\">"
            "<p STYLE=\"DISPLAY:NONE\">upper</p><p>end</p></body>");
        QCOMPARE(EmailPreviewBrowser::withoutHiddenElements(html), QStringLiteral("<body><p>shown</p><p>end</p></body>"));
        const QString unbalanced = QStringLiteral("<div style=\"display:none\">never closed <p>text</p>");
        QCOMPARE(EmailPreviewBrowser::withoutHiddenElements(unbalanced), unbalanced);
    }

    void thePreviewStaysReadableOnADarkPalette()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x16, 0x16, 0x18));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2e));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Button, QColor(0x2c, 0x2c, 0x30));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x36, 0x20));
        dark.setColor(QPalette::ToolTipText, QColor(0xf0, 0xf0, 0xe0));
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x98));
        const QPalette before = QApplication::palette();
        QApplication::setPalette(dark);
        {
            SettingsDialog dialog(*m_settings, *m_secrets, {}, SettingsDialog::Mode::SandboxReadOnly);
            dialog.show();
            dialog.tabs()->setCurrentIndex(2);
            const QPalette preview = dialog.preview()->browser()->palette();
            // The e-mail's own light page and dark text, whatever the desktop uses.
            QVERIFY(preview.color(QPalette::Base).lightness() > 200);
            QVERIFY(preview.color(QPalette::Text).lightness() < 80);
            saveScreenshot(dialog, QStringLiteral("settings-dark.png"));
        }
        QApplication::setPalette(before);
    }

    void testConfigurationShowsEachCheck()
    {
        store(SecretKeys::TwilioAuthToken, kToken);
        store(SecretKeys::SmtpPassword, kSmtpPassword);
        std::optional<EffectiveConfig> seenConfig;
        std::optional<Credentials> seenCredentials;
        SettingsDialog::TestDone finish;
        int calls = 0;
        SettingsDialog dialog(*m_settings, *m_secrets, [&](const EffectiveConfig &c, const Credentials &cr, SettingsDialog::TestDone done) {
            ++calls;
            seenConfig = c;
            seenCredentials = cr;
            finish = std::move(done);
        });
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        type(edit(dialog, "vapiApiBase"), QStringLiteral("http://127.0.0.1:4010"));
        QTest::keyClicks(secretField(dialog, "vapiApiKey")->lineEdit(), kVapiKey); // typed, not saved
        QTest::mouseClick(secretField(dialog, "smtpPassword")->removeButton(), Qt::LeftButton);

        QVERIFY(dialog.testButton()->isEnabled());
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(dialog.checkView()->isVisible());
        QVERIFY(dialog.checkView()->isRunning());
        QVERIFY(!dialog.testButton()->isEnabled());
        QTRY_COMPARE(calls, 1);
        QCOMPARE(seenConfig->vapiApiBase, QUrl(QStringLiteral("http://127.0.0.1:4010")));
        QCOMPARE(seenConfig->twilioApiBase, Settings::defaultTwilioApiBase());
        QCOMPARE(seenCredentials->twilioAuthToken, kToken);  // stored
        QCOMPARE(seenCredentials->vapiApiKey, kVapiKey);     // typed wins
        QVERIFY(seenCredentials->smtpPassword.isEmpty());   // removal pending
        QVERIFY(m_qsettings->allKeys().isEmpty());          // testing saves nothing
        saveScreenshot(dialog, QStringLiteral("settings-testing.png"));

        const auto check = [](bool ok, const QString &detail) {
            return QJsonObject{{QStringLiteral("ok"), ok}, {QStringLiteral("detail"), detail}};
        };
        finish(QJsonObject{{QStringLiteral("success"), false},
                           {QStringLiteral("checks"),
                            QJsonObject{{QStringLiteral("database"), check(true, QStringLiteral("sqlite:/tmp/x (3 organizations)"))},
                                        {QStringLiteral("twilio"), check(false, QStringLiteral("HTTP 401: Authenticate (20003)"))},
                                        {QStringLiteral("vapi"), check(true, QStringLiteral("the API key is accepted"))},
                                        {QStringLiteral("smtp"), check(false, QStringLiteral("SMTP_URL is not set: owners will not be e-mailed"))}}}});
        QVERIFY(!dialog.checkView()->isRunning());
        QVERIFY(dialog.testButton()->isEnabled());
        const QStringList lines = dialog.checkView()->lines();
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0), QStringLiteral("2 of 4 checks failed. Fix the settings below and test again."));
        QCOMPARE(lines.at(1), QStringLiteral("Database: ok — sqlite:/tmp/x (3 organizations)"));
        QCOMPARE(lines.at(2), QStringLiteral("Twilio: failed — HTTP 401: Authenticate (20003)"));
        QCOMPARE(lines.at(3), QStringLiteral("VAPI: ok — the API key is accepted"));
        QCOMPARE(lines.at(4), QStringLiteral("SMTP: failed — SMTP_URL is not set: owners will not be e-mailed"));
        saveScreenshot(dialog, QStringLiteral("settings-tested.png"));
        finish(QJsonObject{{QStringLiteral("success"), true}}); // a second answer is ignored
        QCOMPARE(dialog.checkView()->lines().size(), 5);

        // Checks that cannot start say why.
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QTRY_COMPARE(calls, 2);
        finish(QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("error"), QStringLiteral("VAPI_API_KEY environment variable is required")}});
        QCOMPARE(dialog.checkView()->lines(), QStringList{QStringLiteral("The test could not run: VAPI_API_KEY environment variable is required")});
    }

    void aTestAnswerAfterTheDialogIsGoneIsIgnored()
    {
        SettingsDialog::TestDone finish;
        auto dialog = std::make_unique<SettingsDialog>(*m_settings, *m_secrets,
                                                       [&](auto, auto, SettingsDialog::TestDone done) { finish = std::move(done); });
        dialog->testConfiguration();
        QTRY_VERIFY(bool(finish));
        dialog.reset();
        finish(QJsonObject{{QStringLiteral("success"), true}}); // must not touch the dead dialog
    }

    void aLockedKeychainIsExplained()
    {
        m_secrets->failWith(SecretResult::Status::Unavailable, QStringLiteral("keychain unavailable — unlock your keyring"));
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        const auto *note = dialog.findChild<QLabel *>(QStringLiteral("keychainNote"));
        QVERIFY2(note->text().contains(QStringLiteral("could not be read: keychain unavailable")), qPrintable(note->text()));
        QVERIFY(note->text().contains(QStringLiteral("Unlock your keyring")));
        for (SecretField *f : dialog.findChildren<SecretField *>()) {
            QCOMPARE(f->state(), SecretField::State::Unavailable);
            QVERIFY(f->lineEdit()->isReadOnly());
            QVERIFY(!f->removeButton()->isEnabled());
        }
        QVERIFY(dialog.saveButton()->isEnabled()); // the other settings can still be saved
    }

    void aKeychainFailureOnSaveKeepsTheDialogOpen()
    {
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        QSignalSpy saved(&dialog, &SettingsDialog::saved);
        dialog.show();
        QTRY_VERIFY(dialog.saveButton()->isEnabled());
        type(edit(dialog, "brandingCompanyName"), QStringLiteral("Acme"));
        QTest::keyClicks(secretField(dialog, "vapiApiKey")->lineEdit(), kVapiKey);
        m_secrets->failWith(SecretResult::Status::Denied, QStringLiteral("access denied"));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        const auto *status = dialog.findChild<QLabel *>(QStringLiteral("statusMessage"));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("did not take")), qPrintable(status->text()));
        QVERIFY(status->text().contains(QStringLiteral("VAPI API key (access denied)")));
        QVERIFY(status->text().contains(QStringLiteral("press Save again")));
        QVERIFY(!status->text().contains(kVapiKey));
        QVERIFY(dialog.isVisible());
        QCOMPARE(saved.count(), 0);
        QCOMPARE(secretField(dialog, "vapiApiKey")->newValue(), kVapiKey); // kept for the retry
        QVERIFY(dialog.saveButton()->isEnabled());

        m_secrets->stopFailing();
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(stored(SecretKeys::VapiApiKey), std::optional<QString>(kVapiKey));
    }

    void sandboxModeIsReadOnly()
    {
        m_settings->setBrandingCompanyName(QStringLiteral("Acme Voice"));
        store(SecretKeys::TwilioAuthToken, kToken);
        SettingsDialog dialog(*m_settings, *m_secrets, [](auto, auto, auto) {}, SettingsDialog::Mode::SandboxReadOnly);
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        const auto *banner = dialog.findChild<QWidget *>(QStringLiteral("sandboxBanner"));
        QVERIFY(banner && banner->isVisible());
        const QList<QLabel *> labels = banner->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *l) {
            return l->text().contains(QStringLiteral("these settings apply when you start OrgConsole without"));
        }));
        QVERIFY(dialog.saveButton() == nullptr);
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            QVERIFY2(e->isReadOnly(), qPrintable(e->objectName()));
        for (SecretField *f : dialog.findChildren<SecretField *>())
            QVERIFY(!f->removeButton()->isVisible());
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("defaultCountry"))->isEnabled());
        QCOMPARE(edit(dialog, "brandingCompanyName")->text(), QStringLiteral("Acme Voice"));
        QCOMPARE(secretField(dialog, "twilioAuthToken")->state(), SecretField::State::Stored);
        QVERIFY(dialog.testButton()->isVisible());
        dialog.save(); // refused
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        saveScreenshot(dialog, QStringLiteral("settings-sandbox.png"));
    }

    void environmentOverridesAreMarked()
    {
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        dialog.show();
        QTRY_VERIFY(secretsChecked(dialog));
        QProcessEnvironment env;
        env.insert(QStringLiteral("TWILIO_API_BASE"), QStringLiteral("http://127.0.0.1:4010"));
        dialog.setEnvironment(env);
        const auto *message = dialog.findChild<QLabel *>(QStringLiteral("twilioApiBaseMessage"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), QStringLiteral("TWILIO_API_BASE is set in the environment and is used instead of this value."));
        QVERIFY(dialog.saveButton()->isEnabled()); // a note, not an error
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("vapiApiBaseMessage"))->isVisible());
    }

    void loadsWhatIsStored()
    {
        m_settings->setTwilioApiBase(QUrl(QStringLiteral("https://twilio.internal.example")));
        m_settings->setSmtpUrl(QUrl(QStringLiteral("smtp://mail.example.com:587")));
        m_settings->setSmtpUser(QStringLiteral("mailer"));
        m_settings->setSenderAddress(QStringLiteral("noreply@example.com"));
        m_settings->setDefaultCountry(QStringLiteral("GB"));
        SettingsDialog dialog(*m_settings, *m_secrets, {});
        QCOMPARE(edit(dialog, "twilioApiBase")->text(), QStringLiteral("https://twilio.internal.example"));
        QVERIFY(edit(dialog, "vapiApiBase")->text().isEmpty()); // the default shows as the placeholder
        QVERIFY(edit(dialog, "vapiApiBase")->placeholderText().contains(QStringLiteral("https://api.vapi.ai")));
        QCOMPARE(edit(dialog, "smtpUser")->text(), QStringLiteral("mailer"));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("defaultCountry"))->currentData().toString(), QStringLiteral("GB"));
        const EffectiveConfig draft = dialog.draft();
        QCOMPARE(draft.smtpUrl, QUrl(QStringLiteral("smtp://mail.example.com:587")));
        QCOMPARE(draft.vapiApiBase, Settings::defaultVapiApiBase());
        QCOMPARE(draft.senderAddress, QStringLiteral("noreply@example.com"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
