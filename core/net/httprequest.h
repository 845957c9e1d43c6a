#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace oc {

// What to send, as a value: clients build it, HttpCall sends it (again, when the retry policy allows).
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    HttpRequest &header(QByteArray name, QByteArray value)
    {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }
};

} // namespace oc
