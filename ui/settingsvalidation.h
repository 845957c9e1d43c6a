#pragma once

#include <QCoreApplication>
#include <QString>

namespace oc {

// What the settings dialog says under a field: nothing, a note (saving is fine), or an error (Save stays
// disabled until it is fixed). Messages say what to do.
struct FieldCheck {
    enum class Severity { Ok, Note, Error };
    Severity severity = Severity::Ok;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    static FieldCheck ok() { return {}; }
    static FieldCheck note(QString m) { return {Severity::Note, std::move(m)}; }
    static FieldCheck error(QString m) { return {Severity::Error, std::move(m)}; }
};

// The checks behind the settings dialog's inline messages; pure functions of the typed text (the CA file
// check reads the file), so they are tested without widgets. An empty value is fine wherever a default
// applies or the feature is simply off.
class SettingsValidation
{
    Q_DECLARE_TR_FUNCTIONS(SettingsValidation)

public:
    // Twilio / VAPI API base: http(s) with a host; https unless the host is this machine; no credentials.
    static FieldCheck endpoint(const QString &text);
    // A file path, sqlite:PATH or postgresql://user@host/db; a password in it is a note (it is not stored).
    static FieldCheck databaseUrl(const QString &text);
    // "AC" and 32 hexadecimal digits.
    static FieldCheck twilioAccountSid(const QString &text);
    // A newly typed secret: no line breaks or control characters (they break HTTP headers and SMTP AUTH).
    static FieldCheck secret(const QString &text);
    // smtp:// (STARTTLS) or smtps:// with a host, no credentials in it.
    static FieldCheck smtpUrl(const QString &text);
    static FieldCheck smtpUser(const QString &text, bool smtpConfigured);
    // An existing, readable PEM file with at least one certificate.
    static FieldCheck caFile(const QString &path);
    static FieldCheck senderAddress(const QString &text, bool smtpConfigured);
    static FieldCheck logoUrl(const QString &text);
    // Digits only; three digits starting 2–9 in the North American countries.
    static FieldCheck areaCode(const QString &text, const QString &country);

    // One row of the per-country compliance defaults: a country Twilio sells numbers in (ISO code), a bundle
    // sid "BU" + 32 hex digits and an address sid "AD" + 32 hex digits, either one may be empty.
    static FieldCheck complianceDefault(const QString &country, const QString &bundle, const QString &address);

    static bool isLoopbackHost(const QString &host);
};

} // namespace oc
