#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrl>

#include <utility>

namespace oc::test {

// A QNetworkAccessManager that never touches the network: requests are matched against a route table
// (method + regular expression on the URL path) and answered from the event loop, never synchronously,
// as the real one does. Every request is recorded. Unmatched requests get 599 so tests notice them.
class FakeNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeNetworkAccessManager)

public:
    struct Response {
        // Hang: sent, never answered. NeverSent: never leaves (waits in a queue), never answered.
        enum class Kind { Answer, Hang, ErrorBeforeSend, ErrorAfterSend, NeverSent };
        Kind kind = Kind::Answer;
        int status = 200;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError; // for the error kinds; sensible default

        static Response json(int status, const QByteArray &body, QList<std::pair<QByteArray, QByteArray>> headers = {});
        static Response hang();
        static Response neverSent();
        static Response refused();       // ConnectionRefusedError: the request never left
        static Response resetAfterSend(); // RemoteHostClosedError once the request was written
    };

    struct Recorded {
        QByteArray method;
        QUrl url;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    // Responses for one route are used in order; the last one repeats.
    void addRoute(const QByteArray &method, const QString &pathPattern, QList<Response> responses);
    void addRoute(const QByteArray &method, const QString &pathPattern, Response response)
    {
        addRoute(method, pathPattern, QList<Response>{std::move(response)});
    }

    const QList<Recorded> &requests() const { return m_requests; }
    int abortedReplies() const { return m_aborted; }
    int liveReplies() const { return m_live; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    friend class FakeReply;
    struct Route {
        QByteArray method;
        QRegularExpression path;
        QList<Response> responses;
        int used = 0;
    };

    QList<Route> m_routes;
    QList<Recorded> m_requests;
    int m_aborted = 0;
    int m_live = 0;
};

} // namespace oc::test
