#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace oc::http {

// One HTTP request as a handler sees it: the raw (still percent-encoded) query, so that `+` versus `%2B`
// is decided the way the handler decides it (the sandbox: the way the vendor does), not the way a URL class would.
struct Request {
    QByteArray method;
    QString path;
    QByteArray rawQuery;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

struct Reply {
    Reply() = default;
    explicit Reply(int s, QByteArray b = {}) : status(s), body(std::move(b)) {}

    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
};

} // namespace oc::http
