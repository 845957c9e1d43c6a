#include "settings/settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace oc;

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void hasDocumentedDefaults();
    void readsBackWhatWasWritten();
    void survivesAReopen();
    void clearingASettingRestoresItsDefault();
    void dropsPasswordsFromStoredUrls();
    void neverWritesASecretNamedKey();
    void environmentOverridesStoredSettings();
    void emptyEnvironmentVariablesDoNotOverride();
    void resolvesStoredValuesWithoutEnvironment();
    void numbersApiBaseDefaultsAndIsOverriddenByTheEnvironment();
    void pricingApiBaseDefaultsAndIsOverriddenByTheEnvironment();
    void keepsADefaultBundleAndAddressPerCountry();

private:
    void fillEverySetting(Settings &settings);
    QString iniPath() const { return m_dir->filePath(QStringLiteral("orgconsole.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_qsettings;
};

void tst_Settings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_qsettings = std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
}

void tst_Settings::cleanup()
{
    m_qsettings.reset();
    m_dir.reset();
}

void tst_Settings::fillEverySetting(Settings &s)
{
    s.setTwilioApiBase(QUrl("http://127.0.0.1:8101"));
    s.setVapiApiBase(QUrl("http://127.0.0.1:8102"));
    s.setSmtpUrl(QUrl("smtps://smtp.example.com:465"));
    s.setSmtpUser("mailer");
    s.setSmtpCaFile("/etc/oc/test-ca.pem");
    s.setSenderAddress("notifications@example.com");
    s.setTwilioAccountSid("AC0123456789abcdef0123456789abcdef");
    s.setServerUrl(QUrl("https://console.example.com"));
    s.setBrandingCompanyName("Acme Voice");
    s.setBrandingSupportContact("support@acme.test");
    s.setBrandingLogoUrl(QUrl("https://acme.test/logo.png"));
    s.setDefaultCountry("gb");
    s.setDefaultAreaCode("20");
    s.setDatabaseUrl("postgresql://oc@db.local:5432/orgconsole");
}

void tst_Settings::hasDocumentedDefaults()
{
    const Settings s(*m_qsettings);
    QCOMPARE(s.twilioApiBase(), QUrl("https://api.twilio.com"));
    QCOMPARE(s.vapiApiBase(), QUrl("https://api.vapi.ai"));
    QCOMPARE(s.defaultCountry(), QStringLiteral("US"));
    QVERIFY(s.smtpUrl().isEmpty());
    QVERIFY(s.smtpUser().isEmpty());
    QVERIFY(s.smtpCaFile().isEmpty());
    QVERIFY(s.senderAddress().isEmpty());
    QVERIFY(s.twilioAccountSid().isEmpty());
    QVERIFY(s.serverUrl().isEmpty());
    QVERIFY(s.brandingCompanyName().isEmpty());
    QVERIFY(s.brandingSupportContact().isEmpty());
    QVERIFY(s.brandingLogoUrl().isEmpty());
    QVERIFY(s.defaultAreaCode().isEmpty());
    QVERIFY(s.databaseUrl().isEmpty());
    // Reading defaults must not write them.
    QVERIFY(m_qsettings->allKeys().isEmpty());
}

void tst_Settings::readsBackWhatWasWritten()
{
    Settings s(*m_qsettings);
    fillEverySetting(s);

    QCOMPARE(s.twilioApiBase(), QUrl("http://127.0.0.1:8101"));
    QCOMPARE(s.vapiApiBase(), QUrl("http://127.0.0.1:8102"));
    QCOMPARE(s.smtpUrl(), QUrl("smtps://smtp.example.com:465"));
    QCOMPARE(s.smtpUser(), QStringLiteral("mailer"));
    QCOMPARE(s.smtpCaFile(), QStringLiteral("/etc/oc/test-ca.pem"));
    QCOMPARE(s.senderAddress(), QStringLiteral("notifications@example.com"));
    QCOMPARE(s.twilioAccountSid(), QStringLiteral("AC0123456789abcdef0123456789abcdef"));
    QCOMPARE(s.serverUrl(), QUrl("https://console.example.com"));
    QCOMPARE(s.brandingCompanyName(), QStringLiteral("Acme Voice"));
    QCOMPARE(s.brandingSupportContact(), QStringLiteral("support@acme.test"));
    QCOMPARE(s.brandingLogoUrl(), QUrl("https://acme.test/logo.png"));
    QCOMPARE(s.defaultCountry(), QStringLiteral("GB"));
    QCOMPARE(s.defaultAreaCode(), QStringLiteral("20"));
    QCOMPARE(s.databaseUrl(), QStringLiteral("postgresql://oc@db.local:5432/orgconsole"));
}

void tst_Settings::survivesAReopen()
{
    {
        Settings s(*m_qsettings);
        fillEverySetting(s);
        m_qsettings->sync();
        QCOMPARE(m_qsettings->status(), QSettings::NoError);
    }
    QSettings reopened(iniPath(), QSettings::IniFormat);
    const Settings s(reopened);
    QCOMPARE(s.vapiApiBase(), QUrl("http://127.0.0.1:8102"));
    QCOMPARE(s.senderAddress(), QStringLiteral("notifications@example.com"));
    QCOMPARE(s.brandingLogoUrl(), QUrl("https://acme.test/logo.png"));
    QCOMPARE(s.defaultCountry(), QStringLiteral("GB"));
}

void tst_Settings::clearingASettingRestoresItsDefault()
{
    Settings s(*m_qsettings);
    s.setTwilioApiBase(QUrl("http://127.0.0.1:8101"));
    s.setDefaultCountry("DE");
    s.setSenderAddress("a@b.test");

    s.setTwilioApiBase(QUrl());
    s.setDefaultCountry(QString());
    s.setSenderAddress(QString());

    QCOMPARE(s.twilioApiBase(), QUrl("https://api.twilio.com"));
    QCOMPARE(s.defaultCountry(), QStringLiteral("US"));
    QVERIFY(s.senderAddress().isEmpty());
    QVERIFY(m_qsettings->allKeys().isEmpty());
}

void tst_Settings::dropsPasswordsFromStoredUrls()
{
    Settings s(*m_qsettings);
    s.setSmtpUrl(QUrl("smtps://mailer:smtp-s3cret@smtp.example.com:465"));
    s.setDatabaseUrl("postgresql://oc:db-s3cret@db.local/orgconsole?sslmode=require&password=q-s3cret");
    s.setServerUrl(QUrl("https://admin:srv-s3cret@console.example.com"));

    QCOMPARE(s.smtpUrl(), QUrl("smtps://mailer@smtp.example.com:465"));
    QCOMPARE(s.databaseUrl(), QStringLiteral("postgresql://oc@db.local/orgconsole?sslmode=require"));
    QCOMPARE(s.serverUrl(), QUrl("https://admin@console.example.com"));

    m_qsettings->sync();
    QFile ini(iniPath());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray content = ini.readAll();
    QVERIFY(!content.isEmpty());
    QVERIFY2(!content.contains("s3cret"), content.constData());
}

void tst_Settings::neverWritesASecretNamedKey()
{
    Settings s(*m_qsettings);
    fillEverySetting(s);
    m_qsettings->sync();

    QSettings reopened(iniPath(), QSettings::IniFormat);
    const QStringList keys = reopened.allKeys();
    QCOMPARE(keys.size(), 14); // every setting landed, so the check below saw them all
    for (const QString &key : keys) {
        const QString lower = key.toLower();
        for (const char *word : {"token", "password", "apikey", "api_key", "secret"})
            QVERIFY2(!lower.contains(QLatin1String(word)), qPrintable(key));
    }
}

void tst_Settings::environmentOverridesStoredSettings()
{
    Settings s(*m_qsettings);
    fillEverySetting(s);

    QProcessEnvironment env;
    env.insert("TWILIO_ACCOUNT_SID", "ACenv");
    env.insert("TWILIO_API_BASE", "http://127.0.0.1:9001");
    env.insert("VAPI_API_BASE", "http://127.0.0.1:9002");
    env.insert("SMTP_URL", "smtp://127.0.0.1:2525");
    env.insert("SMTP_USER", "env-mailer");
    env.insert("SMTP_CA_FILE", "/tmp/ca.pem");
    env.insert("ADMIN_EMAIL_FROM_USER", "env@example.com");
    env.insert("SERVER_URL", "https://env.example.com");
    env.insert("ORGCONSOLE_DATABASE", "sqlite:/tmp/oc.db");

    const EffectiveConfig c = Settings::resolve(s, env);
    QCOMPARE(c.twilioAccountSid, QStringLiteral("ACenv"));
    QCOMPARE(c.twilioApiBase, QUrl("http://127.0.0.1:9001"));
    QCOMPARE(c.vapiApiBase, QUrl("http://127.0.0.1:9002"));
    QCOMPARE(c.smtpUrl, QUrl("smtp://127.0.0.1:2525"));
    QCOMPARE(c.smtpUser, QStringLiteral("env-mailer"));
    QCOMPARE(c.smtpCaFile, QStringLiteral("/tmp/ca.pem"));
    QCOMPARE(c.senderAddress, QStringLiteral("env@example.com"));
    QCOMPARE(c.serverUrl, QUrl("https://env.example.com"));
    QCOMPARE(c.databaseUrl, QStringLiteral("sqlite:/tmp/oc.db"));
    // Not overridable from the environment: these stay as stored.
    QCOMPARE(c.brandingCompanyName, QStringLiteral("Acme Voice"));
    QCOMPARE(c.defaultCountry, QStringLiteral("GB"));
    QCOMPARE(c.defaultAreaCode, QStringLiteral("20"));

    // Resolving reads only: nothing from the environment is written back.
    QCOMPARE(s.twilioAccountSid(), QStringLiteral("AC0123456789abcdef0123456789abcdef"));
    QCOMPARE(s.databaseUrl(), QStringLiteral("postgresql://oc@db.local:5432/orgconsole"));
}

void tst_Settings::emptyEnvironmentVariablesDoNotOverride()
{
    Settings s(*m_qsettings);
    s.setSenderAddress("stored@example.com");
    QProcessEnvironment env;
    env.insert("ADMIN_EMAIL_FROM_USER", "");
    env.insert("TWILIO_API_BASE", "");

    const EffectiveConfig c = Settings::resolve(s, env);
    QCOMPARE(c.senderAddress, QStringLiteral("stored@example.com"));
    QCOMPARE(c.twilioApiBase, QUrl("https://api.twilio.com"));
}

void tst_Settings::resolvesStoredValuesWithoutEnvironment()
{
    Settings s(*m_qsettings);
    fillEverySetting(s);
    const EffectiveConfig c = Settings::resolve(s, QProcessEnvironment());
    QCOMPARE(c.twilioApiBase, s.twilioApiBase());
    QCOMPARE(c.vapiApiBase, s.vapiApiBase());
    QCOMPARE(c.smtpUrl, s.smtpUrl());
    QCOMPARE(c.smtpUser, s.smtpUser());
    QCOMPARE(c.smtpCaFile, s.smtpCaFile());
    QCOMPARE(c.senderAddress, s.senderAddress());
    QCOMPARE(c.twilioAccountSid, s.twilioAccountSid());
    QCOMPARE(c.serverUrl, s.serverUrl());
    QCOMPARE(c.brandingSupportContact, s.brandingSupportContact());
    QCOMPARE(c.brandingLogoUrl, s.brandingLogoUrl());
    QCOMPARE(c.databaseUrl, s.databaseUrl());
}

void tst_Settings::numbersApiBaseDefaultsAndIsOverriddenByTheEnvironment()
{
    Settings s(*m_qsettings);
    QCOMPARE(s.twilioNumbersApiBase(), QUrl("https://numbers.twilio.com"));
    QCOMPARE(Settings::resolve(s, {}).twilioNumbersApiBase, QUrl("https://numbers.twilio.com"));
    s.setTwilioNumbersApiBase(QUrl("https://user:pw@numbers.internal.example"));
    QCOMPARE(s.twilioNumbersApiBase(), QUrl("https://user@numbers.internal.example")); // the password is dropped
    QProcessEnvironment env;
    env.insert("TWILIO_NUMBERS_API_BASE", "http://127.0.0.1:9003");
    QCOMPARE(Settings::resolve(s, env).twilioNumbersApiBase, QUrl("http://127.0.0.1:9003"));
    env.insert("TWILIO_NUMBERS_API_BASE", "");
    QCOMPARE(Settings::resolve(s, env).twilioNumbersApiBase, QUrl("https://user@numbers.internal.example"));
}

void tst_Settings::pricingApiBaseDefaultsAndIsOverriddenByTheEnvironment()
{
    Settings s(*m_qsettings);
    QCOMPARE(s.twilioPricingApiBase(), QUrl("https://pricing.twilio.com"));
    QCOMPARE(Settings::resolve(s, {}).twilioPricingApiBase, QUrl("https://pricing.twilio.com"));
    s.setTwilioPricingApiBase(QUrl("https://user:pw@pricing.internal.example"));
    QCOMPARE(s.twilioPricingApiBase(), QUrl("https://user@pricing.internal.example")); // the password is dropped
    QProcessEnvironment env;
    env.insert("TWILIO_PRICING_API_BASE", "http://127.0.0.1:9004");
    QCOMPARE(Settings::resolve(s, env).twilioPricingApiBase, QUrl("http://127.0.0.1:9004"));
    env.insert("TWILIO_PRICING_API_BASE", "");
    QCOMPARE(Settings::resolve(s, env).twilioPricingApiBase, QUrl("https://user@pricing.internal.example"));
}

void tst_Settings::keepsADefaultBundleAndAddressPerCountry()
{
    Settings s(*m_qsettings);
    QVERIFY(s.complianceCountries().isEmpty());
    s.setDefaultBundle("de", " BU0123456789abcdef0123456789abcdef ");
    s.setDefaultAddress("DE", "AD0123456789abcdef0123456789abcdef");
    s.setDefaultAddress("GB", "AD11111111111111111111111111111111");
    s.setDefaultBundle("../x", "BUevil"); // not a country: never a key
    QCOMPARE(s.defaultBundle("DE"), QStringLiteral("BU0123456789abcdef0123456789abcdef"));
    QCOMPARE(s.defaultAddress("de"), QStringLiteral("AD0123456789abcdef0123456789abcdef"));
    QCOMPARE(s.defaultBundle("GB"), QString());
    QCOMPARE(s.complianceCountries(), (QStringList{"DE", "GB"}));
    m_qsettings->sync();
    QSettings reopened(iniPath(), QSettings::IniFormat);
    QCOMPARE(Settings(reopened).defaultAddress("GB"), QStringLiteral("AD11111111111111111111111111111111"));
    const EffectiveConfig c = Settings::resolve(s, {});
    QCOMPARE(c.complianceDefaults.value("DE"), std::make_pair(QStringLiteral("BU0123456789abcdef0123456789abcdef"),
                                                              QStringLiteral("AD0123456789abcdef0123456789abcdef")));
    QCOMPARE(c.complianceDefaults.value("GB").first, QString());
    s.setDefaultAddress("GB", QString());
    QCOMPARE(s.complianceCountries(), (QStringList{"DE"}));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
