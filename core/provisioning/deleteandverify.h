#pragma once

#include "provisioning/asyncstep.h"

#include <QStringList>

namespace oc {

// The one delete-and-verify of the engine, for a Twilio number, a VAPI assistant or a VAPI phone-number:
// finds what is to go — the ids recorded and whatever a lookup shows that is provably ours — deletes each
// (404 = already gone), and looks again: still there, it is deleted again, up to three rounds. A kind of
// resource says how to find and delete it; the mode says what it is for:
//  - Undo (of buy_number, create_*_assistant, register_number): journaled on the create's line (compensating →
//    compensated / compensation_failed); the lookup finds by the run's tags, so what a re-sent or ambiguous
//    create made goes too; when the create's outcome was never confirmed (canceled or timed out in flight) it
//    looks once more after the late-create grace, so a create that lands late is deleted too. A verifying
//    lookup that fails leaves the deletes' answers standing.
//  - Cleanup (of a saved configuration, by the ids it records): journaled on its own step (intent → done /
//    failed); nothing recorded is nothing to delete; a 404 is believed only once a lookup under the same
//    account agrees, so a verifying lookup that fails fails the step.
// A failed delete, a first lookup that fails with nothing recorded, or a resource that stays: the step fails.
class DeleteAndVerifyStep : public AsyncStep
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteAndVerifyStep)

public:
    enum class Mode { Undo, Cleanup };

    DeleteAndVerifyStep(ProvisioningContext &context, Mode mode, QString step, QString noun);

protected:
    // What a lookup saw: `lookedUp` false when it failed (with `error`).
    using Found = std::function<void(bool lookedUp, const QStringList &ids, const QString &error)>;
    // The ids the run (or the configuration) recorded.
    virtual QStringList recordedIds() const = 0;
    // Looks up which of them — or of what carries the run's tags — exists now.
    virtual void find(Found then) = 0;
    virtual std::unique_ptr<TypedCall<bool>> remove(const QString &id) = 0;
    // Whether the first round looks up before deleting: yes where one create can have made several (a re-sent
    // POST); not where the recorded ids are all there is (a number is one resource; a cleanup deletes by id).
    virtual bool findFirst() const { return m_mode == Mode::Undo; }

private:
    void run() override;
    void sweep();
    void deleteNext(QStringList ids);
    void verify();
    void settle(const QStringList &remaining);
    bool journalFailed(const QString &error);

    Mode m_mode;
    QString m_step;
    QString m_noun;
    int m_rounds = 0;
    bool m_createOpen = false; // undo: the journal never confirmed or refuted the create
    bool m_lookedAgain = false;
    bool m_deletedThisRound = false;
};

} // namespace oc
