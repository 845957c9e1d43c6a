#include "fakenetworkaccessmanager.h"

#include <QPointer>
#include <QTimer>

namespace oc::test {

// Reads like a finished network reply; all signals come from the event loop (or from abort(), like Qt's).
class FakeReply : public QNetworkReply
{
public:
    FakeReply(FakeNetworkAccessManager *manager, const QNetworkRequest &request, QNetworkAccessManager::Operation op,
              const QByteArray &verb, FakeNetworkAccessManager::Response response)
        : QNetworkReply(manager), m_manager(manager), m_response(std::move(response))
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        if (op == QNetworkAccessManager::CustomOperation)
            setAttribute(QNetworkRequest::CustomVerbAttribute, verb);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        ++m_manager->m_live;
        using Kind = FakeNetworkAccessManager::Response::Kind;
        // On the wire at once (the next turn), as Qt's replies say with requestSent(); the answer comes later.
        if (m_response.kind != Kind::ErrorBeforeSend && m_response.kind != Kind::NeverSent)
            QTimer::singleShot(0, this, [this] { sent(); });
        if (m_response.kind != Kind::Hang && m_response.kind != Kind::NeverSent)
            QTimer::singleShot(m_response.delayMs, this, &FakeReply::respond);
    }

    ~FakeReply() override
    {
        if (m_manager)
            --m_manager->m_live;
    }

    void abort() override
    {
        if (isFinished())
            return;
        if (m_manager)
            ++m_manager->m_aborted;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        setFinished(true);
        Q_EMIT errorOccurred(OperationCanceledError);
        Q_EMIT finished();
    }

    qint64 bytesAvailable() const override { return m_response.body.size() - m_offset + QIODevice::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (!m_answered)
            return 0;
        const qint64 n = qMin(maxSize, qint64(m_response.body.size()) - m_offset);
        if (n <= 0)
            return -1;
        memcpy(data, m_response.body.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    void sent()
    {
        if (m_sent || isFinished())
            return;
        m_sent = true;
        Q_EMIT requestSent();
    }

    void respond()
    {
        if (isFinished())
            return;
        using Kind = FakeNetworkAccessManager::Response::Kind;
        if (m_response.kind == Kind::ErrorBeforeSend || m_response.kind == Kind::ErrorAfterSend) {
            if (m_response.kind == Kind::ErrorAfterSend)
                sent();
            setError(m_response.error, QStringLiteral("Fake network error %1").arg(int(m_response.error)));
            setFinished(true);
            Q_EMIT errorOccurred(m_response.error);
            Q_EMIT finished();
            return;
        }
        sent();
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const auto &[name, value] : m_response.headers)
            setRawHeader(name, value);
        m_answered = true;
        if (m_response.status >= 400)
            setError(m_response.status == 404 ? ContentNotFoundError : UnknownContentError,
                     QStringLiteral("HTTP %1").arg(m_response.status));
        Q_EMIT metaDataChanged();
        setFinished(true);
        if (!m_response.body.isEmpty())
            Q_EMIT readyRead();
        if (error() != NoError)
            Q_EMIT errorOccurred(error());
        Q_EMIT finished();
    }

    QPointer<FakeNetworkAccessManager> m_manager;
    FakeNetworkAccessManager::Response m_response;
    qint64 m_offset = 0;
    bool m_sent = false;
    bool m_answered = false;
};

FakeNetworkAccessManager::Response FakeNetworkAccessManager::Response::json(int status, const QByteArray &body,
                                                                            QList<std::pair<QByteArray, QByteArray>> headers)
{
    Response r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    if (!body.isEmpty())
        r.headers.prepend({"Content-Type", "application/json"});
    return r;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::Response::hang()
{
    Response r;
    r.kind = Kind::Hang;
    return r;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::Response::neverSent()
{
    Response r;
    r.kind = Kind::NeverSent;
    return r;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::Response::refused()
{
    Response r;
    r.kind = Kind::ErrorBeforeSend;
    r.error = QNetworkReply::ConnectionRefusedError;
    return r;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::Response::resetAfterSend()
{
    Response r;
    r.kind = Kind::ErrorAfterSend;
    r.error = QNetworkReply::RemoteHostClosedError;
    return r;
}

QByteArray FakeNetworkAccessManager::Recorded::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent) : QNetworkAccessManager(parent) {}

void FakeNetworkAccessManager::addRoute(const QByteArray &method, const QString &pathPattern, QList<Response> responses)
{
    m_routes.append(Route{method.toUpper(), QRegularExpression(QRegularExpression::anchoredPattern(pathPattern)),
                          std::move(responses), 0});
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    QByteArray verb;
    switch (op) {
    case GetOperation: verb = "GET"; break;
    case PostOperation: verb = "POST"; break;
    case PutOperation: verb = "PUT"; break;
    case DeleteOperation: verb = "DELETE"; break;
    case HeadOperation: verb = "HEAD"; break;
    default: verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray().toUpper(); break;
    }
    Recorded recorded{verb, request.url(), {}, outgoingData ? outgoingData->readAll() : QByteArray()};
    for (const QByteArray &name : request.rawHeaderList())
        recorded.headers.append({name, request.rawHeader(name)});
    if (request.header(QNetworkRequest::ContentTypeHeader).isValid() && recorded.header("Content-Type").isEmpty())
        recorded.headers.append({"Content-Type", request.header(QNetworkRequest::ContentTypeHeader).toByteArray()});
    m_requests.append(recorded);

    Response response = Response::json(599, R"({"fake":"no route"})");
    for (Route &route : m_routes) {
        if (route.method == verb && route.path.match(request.url().path()).hasMatch()) {
            response = route.responses.value(qMin(route.used, int(route.responses.size()) - 1));
            ++route.used;
            break;
        }
    }
    return new FakeReply(this, request, op, verb, response);
}

} // namespace oc::test
