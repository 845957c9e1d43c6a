#pragma once

#include "domain/provisioningrun.h"
#include "pipeline/stepevent.h"
#include "util/result.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

namespace oc {

// What a complete setup holds, as an approval answers it.
struct CompletedSetup {
    QString phoneNumber;
    QString inboundId, inboundName;
    QString outboundId, outboundName;
    std::optional<qint64> setupTimeMs;
    bool existing = false; // set up before: returned as it is, nothing bought
};

// How an operation ended, typed: what the console, orgctl (and the service to come) read. The seed's JSON
// answer is produced from it by the operation that ended, never parsed back.
struct OperationOutcome {
    enum class Result {
        Succeeded,
        Failed,    // bad input, a vendor or store error, a failed setup (rolled back or needing attention)
        Canceled,  // stopped on request
        TakenOver, // fenced: another process holds the run now, and this one stopped
    };
    Result result = Result::Failed;
    QString error;                      // why it did not succeed (scrubbed); empty when it did
    Error::Kind errorKind = Error::Kind::Other; // what kind of refusal (bad input, unknown, conflict …) when no run was driven
    QString runId;                      // the run it drove, if it drove one
    std::optional<RunStatus> runStatus; // how that run ended; nullopt when no run was driven to an end
    QString failedStep;
    QString stepError;                  // the failed step's own error
    QStringList leftovers;              // what is still out there because an undo or a delete failed
    QStringList warnings;               // what failed after the pivot (the e-mail): the setup still stands
    QString resumedFrom;                // a run whose resources this one took over
    QStringList resumed;                // the steps those resources stand for
    std::optional<CompletedSetup> setup;  // approve, retry: the setup that stands
    bool emailSent = false;             // the owner's e-mail (approval, or failure) went out
    QJsonObject answer;                 // the seed's JSON answer

    bool ok() const { return result == Result::Succeeded; }
    static OperationOutcome failed(const QString &error, Error::Kind kind = Error::Kind::Other, QJsonObject answer = {});
};

// The one contract of core's operations (approve, retry, recover, cleanup, resend e-mail, the orphan sweep,
// check-config), KJob's: start() begins on the event loop (connect first); it ends exactly once with
// finished(), after which outcome() says how. Operations that drive a recipe report its step events.
// cancel() asks a cancelable operation to stop (it still ends with finished(): canceled, or what the undo
// left). The run row, its lease and the audit record of the run are RunSession's.
class Operation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Operation)

public:
    using QObject::QObject;

    virtual void start() = 0;
    // Approve and retry: stop what runs and undo what was done.
    virtual bool isCancelable() const { return false; }
    virtual void cancel() {}
    // The process is going away with the operation unfinished (a console closing): give the run's lease up so
    // any worker or console takes the run over at once and finishes it from the journal. Nothing is undone;
    // the caller destroys the operation right after. Default: nothing to give back.
    virtual void handBack() {}

    bool isFinished() const { return m_finished; }
    const OperationOutcome &outcome() const { return m_outcome; }
    bool ok() const { return m_outcome.ok(); }
    // The seed's JSON answer (outcome().answer).
    const QJsonObject &result() const { return m_outcome.answer; }
    const QString &errorMessage() const { return m_outcome.error; }

Q_SIGNALS:
    void stepEvent(const oc::pipeline::StepEvent &event);
    void finished();

protected:
    // Ends the operation with `outcome` (an empty answer becomes {success, message}); only the first call counts.
    void conclude(OperationOutcome outcome);

private:
    OperationOutcome m_outcome;
    bool m_finished = false;
};

} // namespace oc
