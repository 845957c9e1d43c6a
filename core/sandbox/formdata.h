#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace oc::sandbox {

// application/x-www-form-urlencoded as a server reads it: a raw `+` is a space (so "+1510…" sent unencoded
// arrives as " 1510…", which is exactly the bug Twilio punishes), `%2B` is a plus.
class FormData
{
public:
    static FormData parse(const QByteArray &encoded);

    bool contains(const QString &key) const;
    QString value(const QString &key) const;

private:
    QList<QPair<QString, QString>> m_pairs;
};

} // namespace oc::sandbox
