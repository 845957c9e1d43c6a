#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <utility>

namespace oc {

// How a secret-store call ended. value is only meaningful for a successful read.
struct SecretResult {
    Q_GADGET
public:
    enum class Status { Ok, NotFound, Unavailable, Timeout, Denied, ReadOnly, Error };
    Q_ENUM(Status)

    Status status = Status::Ok;
    QString value;
    QString message;

    bool ok() const { return status == Status::Ok; }

    static SecretResult success(QString value = {}) { return {Status::Ok, std::move(value), {}}; }
    static SecretResult failure(Status status, QString message) { return {status, {}, std::move(message)}; }
};

// Where the Twilio auth token, the VAPI key and the SMTP password live. Every call is asynchronous so a
// keychain prompt or a slow Secret Service never blocks the GUI thread.
class SecretStore
{
public:
    using Callback = std::function<void(const SecretResult &)>;

    virtual ~SecretStore() = default;

    // Each call ends exactly once: the callback is invoked asynchronously (never from inside the call),
    // once. Destroying the store cancels calls still pending; their callbacks are then never invoked.
    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &value, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;

    // For messages, in the UI language: where secrets are kept ("system keychain", "environment", ...).
    virtual QString name() const = 0;
};

// The only secrets OrgConsole keeps; use these names with every store.
namespace SecretKeys {
inline constexpr auto TwilioAuthToken = "twilio/authToken";
inline constexpr auto VapiApiKey = "vapi/apiKey";
inline constexpr auto SmtpPassword = "smtp/password";
// The HMAC key of the service's approval webhook (orgctl serve; ORGCONSOLE_WEBHOOK_SECRET overrides it).
inline constexpr auto WebhookSecret = "service/webhookSecret";
} // namespace SecretKeys

} // namespace oc
