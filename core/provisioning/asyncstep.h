#pragma once

#include "net/typedcall.h"
#include "pipeline/steptask.h"
#include "provisioning/provisioningcontext.h"

#include <QTimer>

#include <functional>
#include <memory>

namespace oc {

// Base of the provisioning steps: a StepTask that runs a short chain of vendor calls. It owns the call in
// flight (destroying the step cancels it), reports retries as progress, and ends exactly once.
class AsyncStep : public pipeline::StepTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncStep)

public:
    explicit AsyncStep(ProvisioningContext &context);

protected:
    // Called from the event loop once the engine has connected to the step.
    virtual void run() = 0;

    template<class T>
    void await(std::unique_ptr<TypedCall<T>> call, std::function<void(const TypedCall<T> &)> then)
    {
        TypedCall<T> *raw = call.get();
        m_call = std::move(call);
        connect(raw, &ApiCall::retrying, this, [this](int attempt, qint64, const QString &reason) {
            Q_EMIT progress(QStringLiteral("retrying: %1").arg(reason), attempt);
        });
        connect(raw, &ApiCall::finished, this, [this, raw, then = std::move(then)] {
            std::unique_ptr<ApiCall> done = std::move(m_call);
            done->disconnect(this);
            then(*raw); // may start the next call
            done.release()->deleteLater();
        });
    }

    void succeed(const QString &detail = {});
    void fail(const QString &error, bool mayHaveTakenEffect = false);
    // A journal write failed: nothing may be sent without its intent on record.
    bool journaled(const Result<void> &written);

    // For an undo: whether the journal leaves `createStep`'s outcome open (intent or unknown: sent, never
    // confirmed; or an earlier undo's line without the id a confirmed create records). Read it before the
    // undo journals "compensating".
    bool createOutcomeOpen(const QString &createStep);
    // Runs `then` once the late-create grace has passed since `createStep` sent its request (at once when it
    // already has), reporting the wait as progress. Destroying the step cancels the wait.
    void afterLateCreateGrace(const QString &createStep, std::function<void()> then);
    // Records that `createStep` is sending its request now.
    void markSent(const QString &createStep);

    ProvisioningContext &m_ctx;

private:
    std::unique_ptr<ApiCall> m_call;
    bool m_ended = false;
};

} // namespace oc
