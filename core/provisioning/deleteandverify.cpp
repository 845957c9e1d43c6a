#include "deleteandverify.h"

namespace oc {

namespace {
constexpr int kMaxRounds = 3;
}

DeleteAndVerifyStep::DeleteAndVerifyStep(ProvisioningContext &context, Mode mode, QString step, QString noun)
    : AsyncStep(context), m_mode(mode), m_step(std::move(step)), m_noun(std::move(noun))
{
}

void DeleteAndVerifyStep::run()
{
    if (m_mode == Mode::Cleanup) {
        const QStringList ids = recordedIds();
        if (ids.isEmpty()) // never created: nothing to delete
            return succeed(QStringLiteral("nothing to delete"));
        if (!journaled(m_ctx.journal.intent(m_step, ids.join(QLatin1Char(',')), 1)))
            return;
        return sweep();
    }
    m_createOpen = createOutcomeOpen(m_step); // read before "compensating" overwrites the line
    if (!journaled(m_ctx.journal.compensating(m_step)))
        return;
    sweep();
}

bool DeleteAndVerifyStep::journalFailed(const QString &error)
{
    return journaled(m_mode == Mode::Undo ? m_ctx.journal.compensationFailed(m_step, error) : m_ctx.journal.failed(m_step, error));
}

void DeleteAndVerifyStep::sweep()
{
    if (!m_lookedAgain && !findFirst())
        return deleteNext(recordedIds());
    find([this](bool lookedUp, const QStringList &found, const QString &error) {
        // Looking again after the grace: what was recorded is deleted already; only what landed since is new.
        QStringList ids = m_lookedAgain ? QStringList() : recordedIds();
        if (!lookedUp && (ids.isEmpty() || m_lookedAgain)) {
            if (journalFailed(error))
                fail(QStringLiteral("could not look up the %1 to delete: %2").arg(m_noun, error));
            return;
        }
        for (const QString &id : found) {
            if (!ids.contains(id))
                ids << id;
        }
        deleteNext(ids);
    });
}

void DeleteAndVerifyStep::deleteNext(QStringList ids)
{
    ids.removeAll(QString());
    if (ids.isEmpty()) {
        if (!m_deletedThisRound) // nothing was there: nothing to verify
            return settle({});
        m_deletedThisRound = false;
        return verify();
    }
    m_deletedThisRound = true;
    const QString id = ids.takeFirst();
    Q_EMIT progress(QStringLiteral("deleting %1 %2").arg(m_noun, id), m_rounds + 1);
    await<bool>([&] { return remove(id); }, [this, ids, id](const TypedCall<bool> &call) {
        if (!call.ok()) {
            if (journalFailed(call.error().describe()))
                fail(QStringLiteral("delete of %1 %2 failed: %3").arg(m_noun, id, call.error().describe()));
            return;
        }
        deleteNext(ids);
    });
}

// Trust, but verify: a 404 says "already gone", and an answer can be wrong. Look once more.
void DeleteAndVerifyStep::verify()
{
    find([this](bool lookedUp, const QStringList &found, const QString &error) {
        if (!lookedUp && m_mode == Mode::Cleanup) {
            const QString why = QStringLiteral("could not verify the delete: %1").arg(error);
            if (journalFailed(why))
                fail(why);
            return;
        }
        settle(lookedUp ? found : QStringList()); // undo: a failed lookup leaves the deletes' answers standing
    });
}

void DeleteAndVerifyStep::settle(const QStringList &remaining)
{
    if (!remaining.isEmpty() && ++m_rounds < kMaxRounds)
        return deleteNext(remaining);
    if (!remaining.isEmpty()) {
        if (journalFailed(QStringLiteral("still there after the delete")))
            fail(QStringLiteral("%1 %2 is still there after the delete").arg(m_noun, remaining.join(QStringLiteral(", "))));
        return;
    }
    // A create we stopped waiting for may still land at the vendor: look once more, late enough.
    if (m_createOpen && !m_lookedAgain) {
        m_lookedAgain = true;
        return afterLateCreateGrace(m_step, [this] { sweep(); });
    }
    if (m_mode == Mode::Cleanup) {
        if (!recorded(m_ctx.journal.done(m_step, recordedIds().join(QLatin1Char(',')))))
            return;
        return succeed(QStringLiteral("deleted %1").arg(recordedIds().join(QStringLiteral(", "))));
    }
    if (!journaled(m_ctx.journal.compensated(m_step)))
        return;
    succeed(QStringLiteral("undone"));
}

} // namespace oc
