#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

namespace oc::test {

// A plain HTTP client for tests that talk to the sandbox (or Prism in front of it) over real sockets.
class SandboxClient
{
public:
    struct Response {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray retryAfter;
        qint64 elapsedMs = 0;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit SandboxClient(QUrl base) : m_base(std::move(base)) {}

    void setBasicAuth(const QString &user, const QString &password);
    void setBearer(const QString &key);
    void setBase(const QUrl &base) { m_base = base; }

    // `pathAndQuery` is sent as written (so "%2B" stays "%2B" and a raw "+" stays raw).
    QNetworkReply *start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                         const QByteArray &contentType = {}, int timeoutMs = 0);
    Response send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                  const QByteArray &contentType = {}, int timeoutMs = 20000);
    Response form(const QString &path, const QByteArray &body) { return send("POST", path, body, "application/x-www-form-urlencoded"); }
    Response postJson(const QString &path, const QByteArray &body) { return send("POST", path, body, "application/json"); }
    // The sandbox's control endpoint for VAPI calls: each {assistantId, cost?, createdAt?, id?} is listed by GET /call.
    Response seedCalls(const QJsonArray &calls)
    {
        return postJson(QStringLiteral("/__sandbox/calls"), QJsonDocument(calls).toJson(QJsonDocument::Compact));
    }
    static Response collect(QNetworkReply *reply);

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QByteArray m_authorization;
};

} // namespace oc::test
