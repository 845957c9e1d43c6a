#include "net/apicall.h"

#include "net/callstats.h"

#include <QTimer>

namespace oc {

ApiCall::ApiCall(QNetworkAccessManager &nam, RetryPolicy policy, QObject *parent)
    : QObject(parent), m_nam(nam), m_policy(std::move(policy))
{
}

// m_http's destructor aborts a running reply without signalling.
ApiCall::~ApiCall() = default;

void ApiCall::cancel()
{
    if (m_finished)
        return;
    ApiError error{ApiError::Kind::Canceled, 0, {}, QStringLiteral("Canceled."), false, false};
    if (m_http) {
        m_http->disconnect(this);
        m_http->cancel();
        error = m_http->error();
        m_attempts += m_http->attempts();
        m_http.release()->deleteLater();
    }
    m_finished = true;
    m_failed = true;
    m_error = error;
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
}

void ApiCall::setGate(std::function<bool()> gate)
{
    m_gate = std::move(gate);
    if (m_http)
        m_http->setGate(m_gate);
}

void ApiCall::send(HttpRequest request)
{
    if (m_attempts > 0 && m_gate && !m_gate()) { // the next page
        m_finished = true;
        m_failed = true;
        m_error = ApiError{ApiError::Kind::Canceled, 0, {}, QStringLiteral("Not sent: the run's lease was lost."), false, false};
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
        return;
    }
    m_http = std::make_unique<HttpCall>(m_nam, std::move(request), m_policy);
    m_http->setGate(m_gate);
    connect(m_http.get(), &HttpCall::finished, this, &ApiCall::onHttpFinished);
    connect(m_http.get(), &HttpCall::retrying, this, &ApiCall::retrying);
    m_http->start();
}

void ApiCall::onHttpFinished()
{
    // deleteLater keeps the call readable for handleResponse, which may already have sent the next page.
    HttpCall *http = m_http.release();
    http->disconnect(this);
    http->deleteLater();
    m_attempts += http->attempts();
    m_lastStatus = http->httpStatus();
    m_lastBody = http->body();
    CallStats::instance().record(http->request().method, http->request().url, http->httpStatus());
    handleResponse(*http);
}

void ApiCall::succeed()
{
    m_finished = true;
    m_failed = false;
    Q_EMIT finished();
}

void ApiCall::fail(ApiError error)
{
    m_finished = true;
    m_failed = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

} // namespace oc
