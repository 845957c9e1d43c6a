#include "settings/settings.h"

#include <QSettings>
#include <QUrlQuery>

#include <algorithm>

namespace oc {

namespace {

// Every key this class can write. None may name a secret; store() refuses any that would.
namespace Key {
constexpr auto TwilioApiBase = "twilio/apiBase";
constexpr auto TwilioAccountSid = "twilio/accountSid";
constexpr auto TwilioNumbersApiBase = "twilio/numbersApiBase";
constexpr auto TwilioPricingApiBase = "twilio/pricingApiBase";
constexpr auto ComplianceGroup = "compliance"; // compliance/<CC>/bundle, compliance/<CC>/address
constexpr auto VapiApiBase = "vapi/apiBase";
constexpr auto SmtpUrl = "smtp/url";
constexpr auto SmtpUser = "smtp/user";
constexpr auto SmtpCaFile = "smtp/caFile";
constexpr auto SenderAddress = "mail/senderAddress";
constexpr auto ServerUrl = "server/url";
constexpr auto BrandingCompanyName = "branding/companyName";
constexpr auto BrandingSupportContact = "branding/supportContact";
constexpr auto BrandingLogoUrl = "branding/logoUrl";
constexpr auto DefaultCountry = "defaults/country";
constexpr auto DefaultAreaCode = "defaults/areaCode";
constexpr auto DatabaseUrl = "database/url";
constexpr auto NetworkPoolSize = "network/poolSize";
constexpr auto LeaseSeconds = "provisioning/leaseSeconds";
constexpr auto QueueConcurrency = "team/queueConcurrency";
} // namespace Key

bool namesASecret(const QString &key)
{
    const QString lower = key.toLower();
    for (const char *word : {"token", "password", "apikey", "api_key", "secret", "credential"}) {
        if (lower.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

QUrl withoutPassword(QUrl url)
{
    url.setPassword(QString());
    if (url.hasQuery()) {
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("password"));
        url.setQuery(query);
    }
    return url;
}

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

} // namespace

Settings::Settings(QSettings &settings)
    : m_settings(settings)
{
}

QUrl Settings::defaultTwilioApiBase() { return QUrl(QStringLiteral("https://api.twilio.com")); }
QUrl Settings::defaultVapiApiBase() { return QUrl(QStringLiteral("https://api.vapi.ai")); }
QString Settings::defaultDefaultCountry() { return QStringLiteral("US"); }
QUrl Settings::defaultTwilioNumbersApiBase() { return QUrl(QStringLiteral("https://numbers.twilio.com")); }

QUrl Settings::twilioNumbersApiBase() const { return url(Key::TwilioNumbersApiBase, defaultTwilioNumbersApiBase()); }
void Settings::setTwilioNumbersApiBase(const QUrl &url) { store(Key::TwilioNumbersApiBase, urlText(withoutPassword(url))); }
QUrl Settings::defaultTwilioPricingApiBase() { return QUrl(QStringLiteral("https://pricing.twilio.com")); }
QUrl Settings::twilioPricingApiBase() const { return url(Key::TwilioPricingApiBase, defaultTwilioPricingApiBase()); }
void Settings::setTwilioPricingApiBase(const QUrl &url) { store(Key::TwilioPricingApiBase, urlText(withoutPassword(url))); }

namespace {
// Only two capital letters make a group name: the key can never be steered elsewhere.
QString complianceKey(const QString &country, const char *what)
{
    const QString cc = country.trimmed().toUpper();
    if (cc.size() != 2 || !std::all_of(cc.begin(), cc.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; }))
        return {};
    return QStringLiteral("%1/%2/%3").arg(QLatin1String(Key::ComplianceGroup), cc, QLatin1String(what));
}
} // namespace

QString Settings::defaultBundle(const QString &country) const
{
    const QString key = complianceKey(country, "bundle");
    return key.isEmpty() ? QString() : m_settings.value(key).toString();
}

void Settings::setDefaultBundle(const QString &country, const QString &bundleSid)
{
    if (const QString key = complianceKey(country, "bundle"); !key.isEmpty())
        store(key, bundleSid.trimmed());
}

QString Settings::defaultAddress(const QString &country) const
{
    const QString key = complianceKey(country, "address");
    return key.isEmpty() ? QString() : m_settings.value(key).toString();
}

void Settings::setDefaultAddress(const QString &country, const QString &addressSid)
{
    if (const QString key = complianceKey(country, "address"); !key.isEmpty())
        store(key, addressSid.trimmed());
}

QStringList Settings::complianceCountries() const
{
    m_settings.beginGroup(QLatin1String(Key::ComplianceGroup));
    QStringList countries = m_settings.childGroups();
    m_settings.endGroup();
    countries.removeIf([this](const QString &cc) { return defaultBundle(cc).isEmpty() && defaultAddress(cc).isEmpty(); });
    countries.sort();
    return countries;
}

QUrl Settings::twilioApiBase() const { return url(Key::TwilioApiBase, defaultTwilioApiBase()); }
void Settings::setTwilioApiBase(const QUrl &url) { store(Key::TwilioApiBase, urlText(withoutPassword(url))); }
QUrl Settings::vapiApiBase() const { return url(Key::VapiApiBase, defaultVapiApiBase()); }
void Settings::setVapiApiBase(const QUrl &url) { store(Key::VapiApiBase, urlText(withoutPassword(url))); }

QUrl Settings::smtpUrl() const { return url(Key::SmtpUrl); }
void Settings::setSmtpUrl(const QUrl &url) { store(Key::SmtpUrl, urlText(withoutPassword(url))); }
QString Settings::smtpUser() const { return string(Key::SmtpUser); }
void Settings::setSmtpUser(const QString &user) { store(Key::SmtpUser, user); }
QString Settings::smtpCaFile() const { return string(Key::SmtpCaFile); }
void Settings::setSmtpCaFile(const QString &path) { store(Key::SmtpCaFile, path); }
QString Settings::senderAddress() const { return string(Key::SenderAddress); }
void Settings::setSenderAddress(const QString &address) { store(Key::SenderAddress, address); }

QString Settings::twilioAccountSid() const { return string(Key::TwilioAccountSid); }
void Settings::setTwilioAccountSid(const QString &sid) { store(Key::TwilioAccountSid, sid); }

QUrl Settings::serverUrl() const { return url(Key::ServerUrl); }
void Settings::setServerUrl(const QUrl &url) { store(Key::ServerUrl, urlText(withoutPassword(url))); }

QString Settings::brandingCompanyName() const { return string(Key::BrandingCompanyName); }
void Settings::setBrandingCompanyName(const QString &name) { store(Key::BrandingCompanyName, name); }
QString Settings::brandingSupportContact() const { return string(Key::BrandingSupportContact); }
void Settings::setBrandingSupportContact(const QString &contact) { store(Key::BrandingSupportContact, contact); }
QUrl Settings::brandingLogoUrl() const { return url(Key::BrandingLogoUrl); }
void Settings::setBrandingLogoUrl(const QUrl &url) { store(Key::BrandingLogoUrl, urlText(withoutPassword(url))); }

QString Settings::defaultCountry() const { return string(Key::DefaultCountry, defaultDefaultCountry()); }
void Settings::setDefaultCountry(const QString &country) { store(Key::DefaultCountry, country.trimmed().toUpper()); }
QString Settings::defaultAreaCode() const { return string(Key::DefaultAreaCode); }
void Settings::setDefaultAreaCode(const QString &areaCode) { store(Key::DefaultAreaCode, areaCode.trimmed()); }

QString Settings::databaseUrl() const { return string(Key::DatabaseUrl); }

void Settings::setDatabaseUrl(const QString &url)
{
    // Only URLs can carry a password; plain paths and sqlite:PATH are stored as given.
    if (url.contains(QLatin1String("://")))
        return store(Key::DatabaseUrl, urlText(withoutPassword(QUrl(url))));
    store(Key::DatabaseUrl, url);
}

int Settings::leaseSeconds() const
{
    const int v = string(Key::LeaseSeconds).toInt();
    return v > 0 ? std::clamp(v, 5, 3600) : 60;
}

void Settings::setLeaseSeconds(int seconds)
{
    store(Key::LeaseSeconds, seconds > 0 ? QString::number(std::clamp(seconds, 5, 3600)) : QString());
}

int Settings::queueConcurrency() const
{
    bool ok = false;
    const int v = string(Key::QueueConcurrency).toInt(&ok);
    return ok ? std::clamp(v, 0, 64) : kDefaultQueueConcurrency;
}

void Settings::setQueueConcurrency(int runs)
{
    store(Key::QueueConcurrency, QString::number(std::clamp(runs, 0, 64)));
}

int Settings::networkPoolSize() const
{
    return NetworkPool::parseSize(string(Key::NetworkPoolSize));
}

void Settings::setNetworkPoolSize(int size)
{
    store(Key::NetworkPoolSize, size > 0 ? QString::number(std::clamp(size, 1, NetworkPool::kMaxSize)) : QString());
}

EffectiveConfig Settings::resolve(const Settings &settings, const QProcessEnvironment &environment)
{
    const auto text = [&environment](const char *variable, const QString &stored) {
        const QString value = environment.value(QString::fromLatin1(variable));
        return value.isEmpty() ? stored : value;
    };
    const auto url = [&environment](const char *variable, const QUrl &stored) {
        const QString value = environment.value(QString::fromLatin1(variable));
        return value.isEmpty() ? stored : QUrl(value);
    };

    EffectiveConfig config;
    config.twilioApiBase = url("TWILIO_API_BASE", settings.twilioApiBase());
    config.vapiApiBase = url("VAPI_API_BASE", settings.vapiApiBase());
    config.twilioNumbersApiBase = url("TWILIO_NUMBERS_API_BASE", settings.twilioNumbersApiBase());
    config.twilioPricingApiBase = url("TWILIO_PRICING_API_BASE", settings.twilioPricingApiBase());
    for (const QString &country : settings.complianceCountries())
        config.complianceDefaults.insert(country, {settings.defaultBundle(country), settings.defaultAddress(country)});
    config.smtpUrl = url("SMTP_URL", settings.smtpUrl());
    config.smtpUser = text("SMTP_USER", settings.smtpUser());
    config.smtpCaFile = text("SMTP_CA_FILE", settings.smtpCaFile());
    config.senderAddress = text("ADMIN_EMAIL_FROM_USER", settings.senderAddress());
    config.twilioAccountSid = text("TWILIO_ACCOUNT_SID", settings.twilioAccountSid());
    config.serverUrl = url("SERVER_URL", settings.serverUrl());
    config.brandingCompanyName = settings.brandingCompanyName();
    config.brandingSupportContact = settings.brandingSupportContact();
    config.brandingLogoUrl = settings.brandingLogoUrl();
    config.defaultCountry = settings.defaultCountry();
    config.defaultAreaCode = settings.defaultAreaCode();
    config.databaseUrl = text("ORGCONSOLE_DATABASE", settings.databaseUrl());
    config.leaseSeconds = settings.leaseSeconds();
    if (const int env = environment.value(QStringLiteral("ORGCONSOLE_LEASE_SECONDS")).toInt(); env > 0)
        config.leaseSeconds = std::min(env, 3600);
    config.networkPoolSize = NetworkPool::parseSize(environment.value(QStringLiteral("ORGCONSOLE_NETWORK_POOL_SIZE")),
                                                    settings.networkPoolSize());
    return config;
}

QString Settings::string(const char *key, const QString &fallback) const
{
    const QString value = m_settings.value(QLatin1String(key)).toString();
    return value.isEmpty() ? fallback : value;
}

QUrl Settings::url(const char *key, const QUrl &fallback) const
{
    const QString value = m_settings.value(QLatin1String(key)).toString();
    return value.isEmpty() ? fallback : QUrl(value);
}

void Settings::store(const char *key, const QString &value)
{
    store(QString::fromLatin1(key), value);
}

void Settings::store(const QString &name, const QString &value)
{
    // Belt and braces: the key list above is fixed, but a future edit must not sneak a secret in.
    Q_ASSERT_X(!namesASecret(name), "Settings::store", "secrets belong in a SecretStore, not QSettings");
    if (namesASecret(name))
        return;
    // Empty means "not configured": remove the key so the default applies again.
    if (value.isEmpty())
        m_settings.remove(name);
    else
        m_settings.setValue(name, value);
}

} // namespace oc
