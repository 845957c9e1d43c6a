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

    // Sends the call `make` builds — only while this process holds the run's lease (RunLease::mayAct); a
    // re-sent attempt or a next page asks again. Without the lease the step ends Fenced and nothing is sent.
    template<class T>
    void await(const std::function<std::unique_ptr<TypedCall<T>>()> &make, std::function<void(const TypedCall<T> &)> then)
    {
        if (!mayAct())
            return;
        std::unique_ptr<TypedCall<T>> call = make();
        call->setGate([this] { return mayActQuietly(); });
        TypedCall<T> *raw = call.get();
        m_call = std::move(call);
        connect(raw, &ApiCall::retrying, this, [this](int attempt, qint64, const QString &reason) {
            Q_EMIT progress(QStringLiteral("retrying: %1").arg(reason), attempt);
        });
        connect(raw, &ApiCall::finished, this, [this, raw, then = std::move(then)] {
            std::unique_ptr<ApiCall> done = std::move(m_call);
            done->disconnect(this);
            if (m_ended) { // fenced while the call was out
                done.release()->deleteLater();
                return;
            }
            then(*raw); // may start the next call
            done.release()->deleteLater();
        });
    }

    void succeed(const QString &detail = {});
    void fail(const QString &error, bool mayHaveTakenEffect = false);
    // A journal write failed before a call: nothing may be sent without its intent on record. Fenced: the
    // step ends Fenced (the engine stops the run).
    bool journaled(const Result<void> &written) { return checkWritten(written, false); }
    // A journal write after a call that may have created something failed: the step fails as "may have
    // taken effect", so the engine undoes it by lookup — never silently dropped. Fenced: as journaled().
    bool recorded(const Result<void> &written) { return checkWritten(written, true); }
    // Whether this process still holds the run's lease (renewing it when due); ends the step Fenced if not.
    bool mayAct();
    void fenced(const QString &why);

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
    bool checkWritten(const Result<void> &written, bool afterCall);
    bool mayActQuietly();
    std::unique_ptr<ApiCall> m_call;
    bool m_ended = false;
};

} // namespace oc
