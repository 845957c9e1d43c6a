#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

// Small readers for vendor JSON: tolerant of the forms vendors actually send (numbers as strings, nulls).
namespace oc::JsonFields {

std::optional<QJsonObject> object(const QByteArray &body);
std::optional<QJsonArray> array(const QByteArray &body);
// A number, or a string holding one ("19.720000"); nullopt for anything else.
std::optional<double> number(const QJsonValue &value);
// A string, a number rendered as text (Twilio's `code` is a number), or empty.
QString text(const QJsonValue &value);
// An RFC 9457 problem document ({type, title, status, detail, validation?: [{message}]}, as API gateways and
// validating proxies such as Prism answer): "title: detail (validation messages)"; empty when `body` is not one.
QString problemText(const QJsonObject &body);

} // namespace oc::JsonFields
