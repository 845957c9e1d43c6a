#pragma once

#include "net/typedcall.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace oc {

namespace pipeline {
class CallLimiter;
}

// The vendor calls of an operation outside a recipe (the leftover check, the orphan sweep, cleanup's
// checks, check-config), one at a time, each under the shared limit on concurrent vendor calls
// (ProvisioningServices::limiter) like a recipe's steps: the call is made once a slot is free and the slot
// is given back as soon as it ends, before `then` runs (which may make the next call). Without a limiter the
// call is made at once. Destroying it cancels the call in flight or the wait for a slot.
class VendorCalls : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VendorCalls)

public:
    explicit VendorCalls(pipeline::CallLimiter *limiter, QObject *parent = nullptr);
    ~VendorCalls() override;

    // `make` runs when the slot is granted (so it builds the request then, from what it captured by value).
    template<class T>
    void call(std::function<std::unique_ptr<TypedCall<T>>()> make, std::function<void(const TypedCall<T> &)> then)
    {
        whenSlotFree([this, make = std::move(make), then = std::move(then)] {
            std::unique_ptr<TypedCall<T>> call = make();
            TypedCall<T> *raw = call.get();
            m_call = std::move(call);
            connect(raw, &ApiCall::finished, this, [this, raw, then] {
                std::unique_ptr<ApiCall> done = std::move(m_call);
                done->disconnect(this);
                giveSlotBack();
                then(*raw); // may make the next call
                done.release()->deleteLater();
            });
        });
    }

    bool isBusy() const { return m_waiting || m_call; }

private:
    void whenSlotFree(std::function<void()> go);
    void giveSlotBack();

    QPointer<pipeline::CallLimiter> m_limiter;
    std::unique_ptr<ApiCall> m_call;
    bool m_waiting = false;
    bool m_holdsSlot = false;
};

} // namespace oc
