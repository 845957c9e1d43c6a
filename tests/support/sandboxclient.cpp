#include "sandboxclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace oc::test {

void SandboxClient::setBasicAuth(const QString &user, const QString &password)
{
    m_authorization = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void SandboxClient::setBearer(const QString &key)
{
    m_authorization = "Bearer " + key.toUtf8();
}

QNetworkReply *SandboxClient::start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                    const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery, QUrl::StrictMode));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (timeoutMs > 0)
        request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    reply->setProperty("oc_started", QDateTime::currentMSecsSinceEpoch());
    return reply;
}

SandboxClient::Response SandboxClient::collect(QNetworkReply *reply)
{
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->isOpen() ? reply->readAll() : QByteArray();
    r.error = reply->error();
    r.retryAfter = reply->rawHeader("Retry-After");
    r.elapsedMs = QDateTime::currentMSecsSinceEpoch() - reply->property("oc_started").toLongLong();
    reply->deleteLater();
    return r;
}

SandboxClient::Response SandboxClient::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                            const QByteArray &contentType, int timeoutMs)
{
    QNetworkReply *reply = start(method, pathAndQuery, body, contentType, timeoutMs);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(timeoutMs + 5000);
    }
    return collect(reply);
}

} // namespace oc::test
