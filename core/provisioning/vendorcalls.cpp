#include "vendorcalls.h"

#include "pipeline/calllimiter.h"

namespace oc {

VendorCalls::VendorCalls(pipeline::CallLimiter *limiter, QObject *parent) : QObject(parent), m_limiter(limiter) {}

VendorCalls::~VendorCalls()
{
    m_call.reset(); // cancels it silently
    if (m_limiter)
        m_limiter->forget(this);
    giveSlotBack();
}

void VendorCalls::whenSlotFree(std::function<void()> go)
{
    Q_ASSERT(!isBusy());
    if (!m_limiter)
        return go();
    m_waiting = true;
    m_limiter->acquire(this, [this, go = std::move(go)] {
        m_waiting = false;
        m_holdsSlot = true;
        go();
    });
}

void VendorCalls::giveSlotBack()
{
    if (!m_holdsSlot)
        return;
    m_holdsSlot = false;
    if (m_limiter)
        m_limiter->release();
}

} // namespace oc
