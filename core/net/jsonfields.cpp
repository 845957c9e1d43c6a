#include "net/jsonfields.h"

#include <QJsonDocument>
#include <QStringList>

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

QString problemText(const QJsonObject &body)
{
    const QString title = text(body.value(QLatin1String("title")));
    const QString detail = text(body.value(QLatin1String("detail")));
    if (title.isEmpty() && detail.isEmpty())
        return {};
    QStringList reasons;
    for (const QJsonValue &v : body.value(QLatin1String("validation")).toArray()) {
        const QString m = text(v.toObject().value(QLatin1String("message")));
        if (!m.isEmpty())
            reasons << m;
    }
    QString line = title.isEmpty() ? detail : detail.isEmpty() || !reasons.isEmpty() ? title : title + QStringLiteral(": ") + detail;
    if (!reasons.isEmpty())
        line += QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
    return line;
}

} // namespace oc::JsonFields
