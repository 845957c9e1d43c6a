#include "formdata.h"

namespace oc::sandbox {

namespace {

QString decodeComponent(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

} // namespace

FormData FormData::parse(const QByteArray &encoded)
{
    FormData data;
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        data.m_pairs.append({decodeComponent(key), decodeComponent(value)});
    }
    return data;
}

bool FormData::contains(const QString &key) const
{
    for (const auto &p : m_pairs) {
        if (p.first == key)
            return true;
    }
    return false;
}

QString FormData::value(const QString &key) const
{
    for (const auto &p : m_pairs) {
        if (p.first == key)
            return p.second;
    }
    return {};
}

} // namespace oc::sandbox
