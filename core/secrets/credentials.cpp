#include "secrets/credentials.h"

#include <memory>

namespace oc {

void readCredentials(SecretStore &store, std::function<void(const Result<Credentials> &)> done)
{
    struct Pending {
        Credentials credentials;
        QString failure;
        int answers = 0;
        std::function<void(const Result<Credentials> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);

    const auto readInto = [&store, pending](const char *key, QString Credentials::*field) {
        store.read(QString::fromLatin1(key), [pending, field, key](const SecretResult &result) {
            if (result.ok())
                pending->credentials.*field = result.value;
            else if (result.status != SecretResult::Status::NotFound && pending->failure.isEmpty())
                pending->failure = result.message.isEmpty() ? QStringLiteral("could not read %1").arg(QLatin1String(key))
                                                            : result.message;
            if (++pending->answers < 4)
                return;
            if (!pending->failure.isEmpty())
                pending->done(Error{Error::Kind::Unavailable, pending->failure});
            else
                pending->done(pending->credentials);
            pending->credentials = {};
        });
    };
    readInto(SecretKeys::TwilioAuthToken, &Credentials::twilioAuthToken);
    readInto(SecretKeys::VapiApiKey, &Credentials::vapiApiKey);
    readInto(SecretKeys::SmtpPassword, &Credentials::smtpPassword);
    readInto(SecretKeys::WebhookSecret, &Credentials::webhookSecret);
}

} // namespace oc
