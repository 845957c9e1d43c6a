#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// Makes text, JSON and HTTP headers safe to log, show or persist: credentials are replaced by Marker.
// Over-redacting a log line is harmless; leaking a Twilio auth token is not, so the patterns err wide.
namespace oc::Redactor {

inline constexpr auto Marker = "***redacted***";

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// The lowercase key names whose values are secrets, wherever they appear (JSON keys, form fields).
const QStringList &secretKeyNames();
bool isSecretKey(const QString &key);

// Registers a credential this process holds (Twilio auth token, VAPI key, SMTP password, API tokens): from
// then on text() replaces its literal value wherever it appears, on top of the pattern rules. Values shorter
// than 6 characters are ignored (they would scrub ordinary words). Thread-safe.
void addSecretValue(const QString &value);
void clearSecretValues(); // tests

// Every registered secret value, then authorization/Cookie header lines, Bearer and Basic credentials, URL passwords, secret form/query
// fields and secret JSON string fields inside free text.
QString text(QString input);

// Recursively replaces the value of every object key named in secretKeyNames() (case-insensitive).
QJsonValue json(const QJsonValue &value);

// Authorization, Proxy-Authorization, Cookie and Set-Cookie values replaced; everything else kept.
HeaderList headers(const HeaderList &headers);

} // namespace oc::Redactor
