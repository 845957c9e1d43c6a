#pragma once

#include "net/apicall.h"

#include <functional>
#include <optional>
#include <variant>

namespace oc {

// What a response handler decides: the value, an error, or the next request (e.g. the next page).
template<class T>
using CallStep = std::variant<T, ApiError, HttpRequest>;

// An ApiCall whose result is a T. The handler sees every finished HttpCall (errors included, so a client
// can turn a 404 on DELETE into success) and may keep state across pages in its captures.
template<class T>
class TypedCall final : public ApiCall
{
public:
    using Handler = std::function<CallStep<T>(const HttpCall &)>;

    TypedCall(QNetworkAccessManager &nam, RetryPolicy policy, HttpRequest first, Handler handler)
        : ApiCall(nam, std::move(policy)), m_handler(std::move(handler))
    {
        send(std::move(first));
    }

    // Only meaningful when ok().
    const T &value() const { return *m_value; }

protected:
    void handleResponse(const HttpCall &call) override
    {
        CallStep<T> step = m_handler(call);
        if (auto *request = std::get_if<HttpRequest>(&step)) {
            send(std::move(*request));
        } else if (auto *error = std::get_if<ApiError>(&step)) {
            fail(std::move(*error));
        } else {
            m_value = std::move(std::get<T>(step));
            succeed();
        }
    }

private:
    Handler m_handler;
    std::optional<T> m_value;
};

} // namespace oc
