#pragma once

#include "net/networkpool.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>

class QSettings;

namespace oc {

// The configuration OrgConsole runs with: stored settings with the environment laid over them.
struct EffectiveConfig {
    QUrl twilioApiBase;
    QUrl twilioNumbersApiBase; // Twilio Numbers v2 (Regulatory Compliance)
    QUrl twilioPricingApiBase; // Twilio Pricing v1 (number prices)
    QUrl vapiApiBase;
    QUrl smtpUrl;
    QString smtpUser;
    QString smtpCaFile;
    QString senderAddress;
    QString twilioAccountSid;
    QUrl serverUrl;
    QString brandingCompanyName;
    QString brandingSupportContact;
    QUrl brandingLogoUrl;
    QString defaultCountry;
    QString defaultAreaCode;
    QString databaseUrl; // from ORGCONSOLE_DATABASE it may carry a password: never log it raw
    int networkPoolSize = NetworkPool::kDefaultSize; // QNetworkAccessManagers the vendor clients share
    int leaseSeconds = 60; // how long a run's lease lasts without renewal (ORGCONSOLE_LEASE_SECONDS overrides)
    // Per country (ISO code): the default bundle and address sids for purchases there.
    QHash<QString, std::pair<QString, QString>> complianceDefaults;
};

// Typed access to the NON-secret settings over an injected QSettings. Secrets (auth token, API key, SMTP
// password) have no accessor here on purpose: they live in a SecretStore, never in QSettings.
class Settings
{
public:
    explicit Settings(QSettings &settings);

    QUrl twilioApiBase() const;
    void setTwilioApiBase(const QUrl &url);
    QUrl vapiApiBase() const;
    void setVapiApiBase(const QUrl &url);
    QUrl twilioNumbersApiBase() const;
    void setTwilioNumbersApiBase(const QUrl &url);
    QUrl twilioPricingApiBase() const;
    void setTwilioPricingApiBase(const QUrl &url);

    // Per country (ISO code, e.g. DE): the regulatory bundle (BU…) and address (AD…) a purchase there uses unless
    // others are named. Empty: none set (the first approved bundle and a local address are picked).
    QString defaultBundle(const QString &country) const;
    void setDefaultBundle(const QString &country, const QString &bundleSid);
    QString defaultAddress(const QString &country) const;
    void setDefaultAddress(const QString &country, const QString &addressSid);
    // The countries that have a default bundle or address, sorted.
    QStringList complianceCountries() const;

    QUrl smtpUrl() const;
    void setSmtpUrl(const QUrl &url); // a password in the URL is dropped, never stored
    QString smtpUser() const;
    void setSmtpUser(const QString &user);
    QString smtpCaFile() const;
    void setSmtpCaFile(const QString &path);
    QString senderAddress() const;
    void setSenderAddress(const QString &address);

    // An account identifier, not a credential; the auth token is the secret.
    QString twilioAccountSid() const;
    void setTwilioAccountSid(const QString &sid);

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);

    QString brandingCompanyName() const;
    void setBrandingCompanyName(const QString &name);
    QString brandingSupportContact() const;
    void setBrandingSupportContact(const QString &contact);
    QUrl brandingLogoUrl() const;
    void setBrandingLogoUrl(const QUrl &url);

    QString defaultCountry() const; // ISO 3166 alpha-2, "US" by default
    void setDefaultCountry(const QString &country);
    QString defaultAreaCode() const;
    void setDefaultAreaCode(const QString &areaCode);

    // A file path, sqlite:PATH or postgresql://user@host/db. A password in it is dropped, never stored.
    QString databaseUrl() const;
    void setDatabaseUrl(const QString &url);

    // How many QNetworkAccessManagers the vendor clients share (NetworkPool: 6 connections per host each);
    // NetworkPool::kDefaultSize when not set, clamped to [1, NetworkPool::kMaxSize].
    int networkPoolSize() const;
    void setNetworkPoolSize(int size); // 0: back to the default

    // How long a run's lease lasts without renewal (renewed every third of it): a process paused or cut off
    // longer than this loses its runs to another console. 60 s when not set, clamped to [5, 3600].
    int leaseSeconds() const;
    void setLeaseSeconds(int seconds); // 0: back to the default

    // Team mode: how many queued approvals this console sets up at once, like a worker (0: leave them to
    // the workers). 8 when not set, clamped to [0, 64].
    int queueConcurrency() const;
    void setQueueConcurrency(int runs);
    static constexpr int kDefaultQueueConcurrency = 8;

    static QUrl defaultTwilioApiBase();
    static QUrl defaultVapiApiBase();
    static QUrl defaultTwilioNumbersApiBase();
    static QUrl defaultTwilioPricingApiBase();
    static QString defaultDefaultCountry();

    // Environment variables (TWILIO_ACCOUNT_SID, TWILIO_API_BASE, TWILIO_NUMBERS_API_BASE, TWILIO_PRICING_API_BASE, VAPI_API_BASE, SMTP_URL, SMTP_USER,
    // SMTP_CA_FILE, ADMIN_EMAIL_FROM_USER, SERVER_URL, ORGCONSOLE_DATABASE, ORGCONSOLE_NETWORK_POOL_SIZE, ORGCONSOLE_LEASE_SECONDS) override stored values when set
    // and not empty, so orgctl and CI run from the environment alone.
    static EffectiveConfig resolve(const Settings &settings, const QProcessEnvironment &environment);

private:
    QString string(const char *key, const QString &fallback = {}) const;
    QUrl url(const char *key, const QUrl &fallback = {}) const;
    void store(const char *key, const QString &value);
    void store(const QString &key, const QString &value);

    QSettings &m_settings;
};

} // namespace oc
