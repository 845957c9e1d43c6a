#include "net/jsonfields.h"

#include <QJsonDocument>

namespace oc::JsonFields {

namespace {
std::optional<QJsonDocument> document(const QByteArray &body)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    return doc;
}
} // namespace

std::optional<QJsonObject> object(const QByteArray &body)
{
    const auto doc = document(body);
    if (!doc || !doc->isObject())
        return std::nullopt;
    return doc->object();
}

std::optional<QJsonArray> array(const QByteArray &body)
{
    const auto doc = document(body);
    if (!doc || !doc->isArray())
        return std::nullopt;
    return doc->array();
}

std::optional<double> number(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger(qint64(value.toDouble())));
    return {};
}

} // namespace oc::JsonFields
