#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace oc::test {

// Stoplight Prism (npm @stoplight/prism-cli) on a free loopback port for the life of the object:
// `mock` answers from an official OpenAPI spec and rejects requests that break it (HTTP 422);
// `proxy` forwards to a real or emulated server and validates both directions.
class PrismServer
{
public:
    enum class Mode { Mock, Proxy };

    PrismServer() = default;
    ~PrismServer();
    PrismServer(const PrismServer &) = delete;
    PrismServer &operator=(const PrismServer &) = delete;

    // $ORGCONSOLE_PRISM, else <build>/prism/node_modules/.bin/prism (tests/run-all.sh installs it there).
    static QString executable();
    // $ORGCONSOLE_SPECS_DIR, else ../shared/specs beside the source tree.
    static QString specsDir();
    static QString twilioSpec();   // twilio/twilio_api_v2010.json
    static QString twilioNumbersSpec(); // twilio/twilio_numbers_v2.json (Regulatory Compliance)
    static QString vapiSpec();     // vapi/openapi-provisioning.json
    static QString twilioPricingSpec(); // twilio/twilio_pricing_v1.json
    static QString vapiFullSpec(); // vapi/openapi.json (too big for Prism as it is)
    // GET /call of vapiFullSpec() alone, with the schemas it references loosened one level down to their JSON
    // type (as vapi/make-provisioning-subset.py does for /assistant and /phone-number), written to the build
    // directory; empty with `why` set on failure.
    static QString vapiCallSpec(QString *why);
    // vapiSpec() with the response ids of assistants and phone-numbers declared `format: uuid`, written to the
    // build directory; empty with `why` set on failure. The published responses declare `id` a plain string,
    // so Prism's mock answers "string" — while every `{id}` path parameter must be a UUID (as VAPI's ids are):
    // a validating mock then rejects the GET/PATCH/DELETE of the very id it handed out. Mocking with this copy,
    // ids that came from the mock can be sent back to it (tst_orgctlprism runs every orgctl operation so).
    static QString vapiMockSpec(QString *why);
    // Empty when Prism and the specs are there, else what is missing and where to get it.
    static QString unavailableReason();

    // Starts Prism and waits (condition-based, up to `timeoutMs`) until it listens. `upstream` is for Proxy.
    // `strictResponses` adds --errors: a response that breaks the spec becomes an error too.
    bool start(Mode mode, const QString &specFile, QString *why, const QUrl &upstream = {}, bool strictResponses = false,
               int timeoutMs = 90000);
    void stop();

    QUrl baseUrl() const { return m_baseUrl; }
    // Everything Prism printed so far (its validation messages name the offending field).
    QString log() const;

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    mutable QString m_log;
};

} // namespace oc::test

// In a test: skip when Prism or the specs are missing, but fail under CI (CI=true).
#define OC_REQUIRE_PRISM()                                                                            \
    do {                                                                                              \
        const QString why_ = oc::test::PrismServer::unavailableReason();                              \
        if (!why_.isEmpty()) {                                                                        \
            if (oc::test::underCi())                                                                  \
                QFAIL(qPrintable(QStringLiteral("Prism contract tests are required under CI: ") + why_)); \
            QSKIP(qPrintable(why_));                                                                  \
        }                                                                                             \
    } while (false)
