#include "pipeline/calllimiter.h"
#include "pipeline/pipelinerunner.h"
#include "provisioning/cleanupsteps.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/vendorcalls.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace oc::pipeline;

namespace {

// A step action the test finishes by hand, so every scenario's event log is deterministic.
class ScriptedTask : public StepTask
{
public:
    using StepTask::StepTask;
    void finishWith(const StepOutcome &outcome)
    {
        QTimer::singleShot(0, this, [this, outcome] { Q_EMIT finished(outcome); });
    }
};

struct Script {
    QMap<QString, QPointer<ScriptedTask>> running; // "buy_number" or "undo:buy_number"
    QStringList started;
    int live = 0;    // task objects alive
    int maxLive = 0; // most actions started and not yet finished at one time

    TaskFactory factory(const QString &key)
    {
        return [this, key] {
            auto task = std::make_unique<ScriptedTask>();
            int unfinished = 1;
            for (const auto &t : std::as_const(running))
                unfinished += t ? 1 : 0;
            maxLive = std::max(maxLive, unfinished);
            running[key] = task.get();
            started << key;
            ++live;
            QObject::connect(task.get(), &QObject::destroyed, [this] { --live; });
            return task;
        };
    }
};

// Steps the scenarios do not drive by hand (the checks after the pivot): they succeed at once.
class InstantTask : public StepTask
{
public:
    InstantTask()
    {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(StepOutcome::success()); });
    }
};

// A probe context for the product's recipes (no call is made: only the declared steps are read).
oc::ProvisioningContext &probeContext()
{
    static QTemporaryDir dir;
    static auto store = oc::Store::open(oc::DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("probe.sqlite")))
                                            .value()).value();
    static QNetworkAccessManager nam;
    static oc::TwilioClient twilio(nam, oc::TwilioConfig{});
    static oc::VapiClient vapi(nam, oc::VapiConfig{});
    static oc::ProvisioningServices services{*store, twilio, vapi, nullptr, oc::AssistantTemplate{}, oc::EmailBranding{}, {}, {}, {}};
    static oc::ProvisioningContext probe(services, oc::Organization{}, QString(), QString(), QString());
    return probe;
}

// The product's own recipe — provisioningRecipe, not a copy of its graph.
const Recipe &productRecipe()
{
    static const Recipe recipe = oc::provisioningRecipe(probeContext());
    return recipe;
}

// The product's cleanup recipe with every step scripted.
Recipe scriptedCleanup(Script &s)
{
    Recipe r = oc::cleanupRecipe(probeContext());
    Recipe scripted;
    scripted.setOnFailure(r.onFailure());
    for (StepDefinition step : r.steps()) {
        step.run = s.factory(step.name);
        scripted.add(step);
    }
    return scripted;
}

// The seven steps of the seed the scenarios script by hand.
const QStringList kScripted{QStringLiteral("search_number"), QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                            QStringLiteral("create_outbound_assistant"), QStringLiteral("register_number"), QStringLiteral("save_config"),
                            QStringLiteral("send_email")};

// The product's graph (DESIGN §2.1), each of the seed's steps scripted.
Recipe seedRecipe(Script &s)
{
    Recipe r;
    for (const StepDefinition &real : productRecipe().steps()) {
        StepDefinition step = real;
        if (kScripted.contains(real.name)) {
            step.run = s.factory(real.name);
            step.undo = real.undo ? s.factory(QStringLiteral("undo:") + real.name) : TaskFactory{};
        } else {
            step.run = [] { return std::unique_ptr<StepTask>(new InstantTask); };
            step.undo = {};
        }
        r.add(step);
    }
    return r;
}

} // namespace

class TestPipelineRunner : public QObject
{
    Q_OBJECT

private:
    Script m_script;
    std::unique_ptr<PipelineRunner> m_runner;
    QStringList m_log;

    void startRun(CallLimiter *limiter = nullptr, const QStringList &alreadyDone = {})
    {
        m_runner.reset();
        m_script = Script{};
        m_log.clear();
        m_runner = std::make_unique<PipelineRunner>(QStringLiteral("run-1"), seedRecipe(m_script), limiter);
        connect(m_runner.get(), &PipelineRunner::stepEvent, this, [this](const StepEvent &e) {
            if (!kScripted.contains(e.step)) // the instant checks after the pivot: not part of the scenarios
                return;
            if (e.state != StepState::Running || !m_log.endsWith(e.step + QStringLiteral(":running")))
                m_log << e.step + QLatin1Char(':') + stateName(e.state);
        });
        for (const QString &step : alreadyDone)
            m_runner->markAlreadyDone(step);
        m_runner->start();
    }

    // Finishes a running step and waits until the engine has reacted.
    void finish(const QString &key, const StepOutcome &outcome = StepOutcome::success())
    {
        QTRY_VERIFY2(m_script.running.value(key), qPrintable(key + QStringLiteral(" is not running; log: ") + m_log.join(u' ')));
        QPointer<ScriptedTask> task = m_script.running.take(key);
        task->finishWith(outcome);
        QTRY_VERIFY(task.isNull());
    }

    QStringList runningNow() const
    {
        QStringList names;
        for (auto it = m_script.running.begin(); it != m_script.running.end(); ++it) {
            if (it.value())
                names << it.key();
        }
        names.sort();
        return names;
    }

private Q_SLOTS:
    void theProductRecipeIsTheSeedsGraph()
    {
        const Recipe &r = productRecipe();
        QCOMPARE(r.validate(), QString());
        const auto needs = [&](const char *name) { return r.steps().at(r.indexOf(QLatin1String(name))).needs; };
        const auto phase = [&](const char *name) { return r.steps().at(r.indexOf(QLatin1String(name))).phase; };
        QCOMPARE(needs("buy_number"), QStringList{QStringLiteral("search_number")});
        QCOMPARE(needs("register_number"), (QStringList{QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant")}));
        QCOMPARE(needs("save_config"), (QStringList{QStringLiteral("register_number"), QStringLiteral("create_outbound_assistant")}));
        QCOMPARE(phase("save_config"), StepDefinition::Phase::Pivot);
        for (const char *after : {"send_email", "remove_duplicate_assistants", "remove_duplicate_registrations"}) {
            QCOMPARE(needs(after), QStringList{QStringLiteral("save_config")});
            QCOMPARE(phase(after), StepDefinition::Phase::AfterPivot);
        }
        for (const char *undoable : {"buy_number", "create_inbound_assistant", "create_outbound_assistant", "register_number"})
            QVERIFY2(bool(r.steps().at(r.indexOf(QLatin1String(undoable))).undo), undoable);
    }

    void startsEachStepAsSoonAsItsInputsExist()
    {
        startRun();
        QTRY_COMPARE(runningNow(), (QStringList{QStringLiteral("create_inbound_assistant"), QStringLiteral("create_outbound_assistant"),
                                                QStringLiteral("search_number")}));
        finish(QStringLiteral("search_number"));
        QTRY_VERIFY(runningNow().contains(QStringLiteral("buy_number")));
        finish(QStringLiteral("buy_number"));
        QVERIFY(!runningNow().contains(QStringLiteral("register_number"))); // still needs the inbound assistant
        finish(QStringLiteral("create_inbound_assistant"));
        QTRY_VERIFY(runningNow().contains(QStringLiteral("register_number")));
        finish(QStringLiteral("register_number"));
        QVERIFY(!runningNow().contains(QStringLiteral("save_config"))); // still needs the outbound assistant
        finish(QStringLiteral("create_outbound_assistant"));
        QSignalSpy done(m_runner.get(), &PipelineRunner::finished);
        finish(QStringLiteral("save_config"));
        QVERIFY(m_runner->setupTimeMs().has_value());
        QVERIFY(done.isEmpty()); // the e-mail follows but does not count toward setup time
        finish(QStringLiteral("send_email"));
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(m_runner->result(), RunResult::Succeeded);
        QCOMPARE(m_runner->stepsDone(), int(productRecipe().steps().size())); // the seven, and the two checks after the pivot
    }

    void releasesNumberWhenSecondAssistantFails()
    {
        startRun();
        finish(QStringLiteral("search_number"));
        finish(QStringLiteral("buy_number"));
        finish(QStringLiteral("create_inbound_assistant"));
        QTRY_VERIFY(runningNow().contains(QStringLiteral("register_number")));
        finish(QStringLiteral("create_outbound_assistant"), StepOutcome::failure(QStringLiteral("HTTP 400: name too long")));
        // The VAPI registration in flight is stopped and undone first, then the assistant, then the number.
        finish(QStringLiteral("undo:register_number"));
        finish(QStringLiteral("undo:create_inbound_assistant"));
        finish(QStringLiteral("undo:buy_number"));
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::RolledBack);
        QCOMPARE(m_runner->failedStep(), QStringLiteral("create_outbound_assistant"));
        QCOMPARE(m_log, (QStringList{
            QStringLiteral("search_number:running"), QStringLiteral("create_inbound_assistant:running"),
            QStringLiteral("create_outbound_assistant:running"), QStringLiteral("search_number:succeeded"),
            QStringLiteral("buy_number:running"), QStringLiteral("buy_number:succeeded"),
            QStringLiteral("create_inbound_assistant:succeeded"), QStringLiteral("register_number:running"),
            QStringLiteral("create_outbound_assistant:failed"), QStringLiteral("register_number:canceled"),
            QStringLiteral("save_config:skipped"), QStringLiteral("send_email:skipped"),
            QStringLiteral("register_number:compensating"), QStringLiteral("register_number:compensated"),
            QStringLiteral("create_inbound_assistant:compensating"), QStringLiteral("create_inbound_assistant:compensated"),
            QStringLiteral("buy_number:compensating"), QStringLiteral("buy_number:compensated")}));
    }

    void ambiguousCreateIsUndoneToo()
    {
        startRun();
        finish(QStringLiteral("search_number"));
        finish(QStringLiteral("buy_number"), StepOutcome::failure(QStringLiteral("timeout after sending"), true));
        // The outbound and inbound assistants were in flight: stopped and undone; the maybe-bought number too.
        QTRY_VERIFY(!m_script.running.isEmpty());
        QStringList undone;
        for (int i = 0; i < 3; ++i) {
            QTRY_COMPARE(runningNow().size(), 1);
            const QString key = runningNow().constFirst();
            QVERIFY(key.startsWith(QLatin1String("undo:")));
            undone << key;
            finish(key);
        }
        QVERIFY(undone.contains(QStringLiteral("undo:buy_number")));
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::RolledBack);
    }

    void continuesPastAFailedUndoAndListsTheLeftovers()
    {
        startRun();
        finish(QStringLiteral("search_number"));
        finish(QStringLiteral("buy_number"));
        finish(QStringLiteral("create_inbound_assistant"), StepOutcome::failure(QStringLiteral("HTTP 402: out of credit")));
        // outbound was in flight → undone first; then the number, whose release fails.
        finish(QStringLiteral("undo:create_outbound_assistant"));
        finish(QStringLiteral("undo:buy_number"), StepOutcome::failure(QStringLiteral("HTTP 503 on release")));
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::NeedsAttention);
        QCOMPARE(m_runner->leftovers(), QStringList{QStringLiteral("buy_number: HTTP 503 on release")});
        QCOMPARE(m_runner->state(QStringLiteral("buy_number")), StepState::CompensationFailed);
        QCOMPARE(m_runner->state(QStringLiteral("create_outbound_assistant")), StepState::Compensated);
    }

    void cancelDuringTheParallelPhaseUndoesEverythingStarted()
    {
        startRun();
        finish(QStringLiteral("search_number"));
        finish(QStringLiteral("create_inbound_assistant"));
        QTRY_VERIFY(runningNow().contains(QStringLiteral("buy_number")));
        m_runner->cancel();
        // buy and outbound were in flight (may have happened), inbound was done: all three undone.
        QStringList undone;
        for (int i = 0; i < 3; ++i) {
            QTRY_COMPARE(runningNow().size(), 1);
            undone << runningNow().constFirst();
            finish(runningNow().constFirst());
        }
        undone.sort();
        QCOMPARE(undone, (QStringList{QStringLiteral("undo:buy_number"), QStringLiteral("undo:create_inbound_assistant"),
                                      QStringLiteral("undo:create_outbound_assistant")}));
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::Canceled);
        QCOMPARE(m_runner->state(QStringLiteral("save_config")), StepState::Skipped);
    }

    void emailFailureAfterSaveIsAWarningNotARollback()
    {
        startRun();
        for (const char *s : {"search_number", "buy_number", "create_inbound_assistant", "create_outbound_assistant",
                              "register_number", "save_config"})
            finish(QLatin1String(s));
        finish(QStringLiteral("send_email"), StepOutcome::failure(QStringLiteral("SMTP login failed")));
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::Succeeded);
        QCOMPARE(m_runner->warnings(), QStringList{QStringLiteral("send_email: SMTP login failed")});
        QVERIFY(!m_script.started.join(u' ').contains(QLatin1String("undo:")));
    }

    void sharedLimitCapsConcurrentVendorCalls()
    {
        CallLimiter limiter(1);
        startRun(&limiter);
        QTRY_COMPARE(runningNow().size(), 1);
        for (int i = 0; i < 7; ++i) {
            QTRY_COMPARE(runningNow().size(), 1);
            finish(runningNow().constFirst());
        }
        QTRY_VERIFY(m_runner->isFinished());
        QCOMPARE(m_runner->result(), RunResult::Succeeded);
        QCOMPARE(m_script.maxLive, 1);
        QCOMPARE(limiter.inUse(), 0);
    }

    void resumesWithoutRedoingValidEarlierSteps()
    {
        startRun(nullptr, {QStringLiteral("search_number"), QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant")});
        QTRY_COMPARE(runningNow(), (QStringList{QStringLiteral("create_outbound_assistant"), QStringLiteral("register_number")}));
        QVERIFY(!m_script.started.contains(QStringLiteral("buy_number")));
    }

    void destroyingARunnerCancelsItsCallsAndFreesItsSlots()
    {
        CallLimiter limiter(2);
        startRun(&limiter);
        QTRY_COMPARE(limiter.inUse(), 2);
        QCOMPARE(limiter.waiting(), 1);
        m_runner.reset();
        QCOMPARE(limiter.inUse(), 0);
        QCOMPARE(limiter.waiting(), 0);
        QCOMPARE(m_script.live, 0);
    }

    void limiterServesHigherPrioritiesFirstAndFifoWithinOne()
    {
        CallLimiter limiter(1);
        QObject a, b;
        QStringList order;
        limiter.acquire(&a, [&] { order << QStringLiteral("first"); });
        limiter.acquire(&a, [&] { order << QStringLiteral("low-1"); }, 0);
        limiter.acquire(&b, [&] { order << QStringLiteral("high-1"); }, 5);
        limiter.acquire(&a, [&] { order << QStringLiteral("low-2"); }, 0);
        limiter.acquire(&b, [&] { order << QStringLiteral("high-2"); }, 5);
        limiter.acquire(&a, [&] { order << QStringLiteral("middle"); }, 2);
        QCOMPARE(limiter.waiting(), 5);
        limiter.forget(&b);
        QCOMPARE(limiter.waiting(), 3);
        limiter.acquire(&b, [&] { order << QStringLiteral("high-3"); }, 5);
        for (int i = 0; i < 4; ++i)
            limiter.release();
        QCOMPARE(order, (QStringList{QStringLiteral("first"), QStringLiteral("high-3"), QStringLiteral("middle"), QStringLiteral("low-1"),
                                     QStringLiteral("low-2")}));
        QCOMPARE(limiter.waiting(), 0);
        QCOMPARE(limiter.inUse(), 1);
    }

    void aRunFurtherAlongGetsTheNextSlotFirst()
    {
        // Two runs share one slot. Once the first has bought its number, its registration-bound steps go ahead of
        // the second run's very first steps: runs complete one by one instead of all together at the end.
        CallLimiter limiter(1);
        Script other;
        startRun(&limiter);
        PipelineRunner second(QStringLiteral("run-2"), seedRecipe(other), &limiter);
        second.start();
        finish(QStringLiteral("search_number")); // run 1: one step done, its buy now outranks run 2's search
        QTRY_COMPARE(runningNow(), QStringList{QStringLiteral("buy_number")});
        QVERIFY(other.started.isEmpty());
        finish(QStringLiteral("buy_number"));
        QTRY_COMPARE(runningNow(), QStringList{QStringLiteral("create_inbound_assistant")});
        QVERIFY(other.started.isEmpty());
    }

    // The cleanup recipe (DESIGN §2.4): the four deletes side by side, the configuration last, nothing undone.
    void theCleanupRecipeCarriesOnAndDeletesTheConfigurationLast()
    {
        const Recipe r = oc::cleanupRecipe(probeContext());
        QCOMPARE(r.validate(), QString());
        QCOMPARE(r.onFailure(), Recipe::OnFailure::CarryOn);
        const auto needs = [&](const char *name) { return r.steps().at(r.indexOf(QLatin1String(name))).needs; };
        for (const char *del : {"delete_vapi_phone_number", "delete_inbound_assistant", "delete_outbound_assistant", "release_number"})
            QCOMPARE(needs(del), QStringList());
        QCOMPARE(needs("delete_config"), (QStringList{QStringLiteral("delete_vapi_phone_number"), QStringLiteral("delete_inbound_assistant"),
                                                      QStringLiteral("delete_outbound_assistant"), QStringLiteral("release_number")}));
        for (const StepDefinition &step : r.steps()) {
            QVERIFY2(!step.undo, qPrintable(step.name));
            QCOMPARE(step.phase, StepDefinition::Phase::BeforePivot);
        }
        // A pivot means "undo before it": a recipe that carries on has none.
        Recipe withPivot = r;
        StepDefinition pivot = r.steps().first();
        pivot.name = QStringLiteral("pivot");
        pivot.phase = StepDefinition::Phase::Pivot;
        withPivot.add(pivot);
        QVERIFY(!withPivot.validate().isEmpty());
    }

    void aRecipeThatCarriesOnSkipsWhatNeedsAFailedStepRunsTheRestAndUndoesNothing()
    {
        Script script;
        PipelineRunner runner(QStringLiteral("cleanup-1"), scriptedCleanup(script));
        QStringList log;
        connect(&runner, &PipelineRunner::stepEvent, this, [&log](const StepEvent &e) {
            if (e.state != StepState::Running)
                log << e.step + QLatin1Char(':') + stateName(e.state);
        });
        QSignalSpy done(&runner, &PipelineRunner::finished);
        runner.start();
        const QStringList deletes{QStringLiteral("delete_vapi_phone_number"), QStringLiteral("delete_inbound_assistant"),
                                  QStringLiteral("delete_outbound_assistant"), QStringLiteral("release_number")};
        for (const QString &step : deletes)
            QTRY_VERIFY2(script.running.value(step), qPrintable(step)); // all four at once
        script.running.value(QStringLiteral("delete_vapi_phone_number"))->finishWith(StepOutcome::failure(QStringLiteral("503 from VAPI")));
        QTRY_VERIFY(log.contains(QStringLiteral("delete_vapi_phone_number:failed")));
        // The runner reacts to the failure in the same turn that logs it: the others are still running.
        QVERIFY(done.isEmpty()); // the others do not need the failed one: they go on
        for (const QString &step : deletes.mid(1))
            QVERIFY2(script.running.value(step), qPrintable(step));
        for (const QString &step : deletes.mid(1))
            script.running.value(step)->finishWith(StepOutcome::success());
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(log.contains(QStringLiteral("delete_config:skipped")));
        QCOMPARE(runner.result(), RunResult::NeedsAttention);
        QCOMPARE(runner.state(QStringLiteral("release_number")), StepState::Succeeded);
        QCOMPARE(runner.failures(), QStringList{QStringLiteral("delete_vapi_phone_number: 503 from VAPI")});
        QCOMPARE(runner.failedStep(), QStringLiteral("delete_vapi_phone_number"));
        QCOMPARE(script.started, deletes); // delete_config never ran, and nothing was undone
    }

    void aRecipeThatCarriesOnEndsSucceededWhenEveryStepDoes()
    {
        Script script;
        PipelineRunner runner(QStringLiteral("cleanup-2"), scriptedCleanup(script));
        QSignalSpy done(&runner, &PipelineRunner::finished);
        runner.start();
        for (const char *step : {"delete_vapi_phone_number", "delete_inbound_assistant", "delete_outbound_assistant", "release_number", "delete_config"}) {
            QTRY_VERIFY2(script.running.value(QLatin1String(step)), step);
            script.running.value(QLatin1String(step))->finishWith(StepOutcome::success());
        }
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(runner.result(), RunResult::Succeeded);
        QVERIFY(runner.failures().isEmpty());
    }

    void cancelingARecipeThatCarriesOnStopsItAndUndoesNothing()
    {
        Script script;
        PipelineRunner runner(QStringLiteral("cleanup-3"), scriptedCleanup(script));
        QSignalSpy done(&runner, &PipelineRunner::finished);
        runner.start();
        QTRY_VERIFY(script.running.value(QStringLiteral("delete_vapi_phone_number")));
        script.running.value(QStringLiteral("delete_vapi_phone_number"))->finishWith(StepOutcome::success());
        QTRY_COMPARE(runner.state(QStringLiteral("delete_vapi_phone_number")), StepState::Succeeded);
        QVERIFY(script.running.value(QStringLiteral("release_number")));
        runner.cancel();
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(runner.result(), RunResult::Canceled);
        QCOMPARE(script.live, 0); // every task stopped
        QCOMPARE(runner.state(QStringLiteral("delete_config")), StepState::Canceled);
        for (const QString &started : std::as_const(script.started))
            QVERIFY2(!started.startsWith(QLatin1String("undo:")), qPrintable(started));
    }

    // An operation's calls outside a recipe wait for a slot of the shared limit like a step does, and give it
    // back when the call ends, before the callback runs.
    void vendorCallsOutsideARecipeTakeASlotOfTheSharedLimit()
    {
        CallLimiter limiter(1);
        QObject holder;
        bool holding = false;
        limiter.acquire(&holder, [&holding] { holding = true; }); // another run's call has the only slot
        QVERIFY(holding);
        QNetworkAccessManager nam;
        oc::TwilioClient twilio(nam, oc::TwilioConfig{QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("AC1"), QStringLiteral("t"),
                                                      oc::RetryPolicy(oc::RetryPolicy::Settings{1, std::chrono::milliseconds(1), 1.0, std::chrono::milliseconds(1), std::chrono::milliseconds(5000), 1.0})});
        oc::VendorCalls calls(&limiter);
        int made = 0;
        int inUseWhenAnswered = -1;
        calls.call<std::optional<oc::IncomingNumber>>([&] { ++made; return twilio.findOwnedNumber(QStringLiteral("+15005550006")); },
                                                      [&](const oc::TypedCall<std::optional<oc::IncomingNumber>> &) { inUseWhenAnswered = limiter.inUse(); });
        QCOMPARE(made, 0); // waiting for the slot (a slot is granted synchronously, so none was)
        QCOMPARE(limiter.waiting(), 1);
        limiter.release();
        QCOMPARE(made, 1);
        QTRY_COMPARE(inUseWhenAnswered, 0); // the slot went back before the callback
        QCOMPARE(limiter.inUse(), 0);
    }

    void destroyingVendorCallsGivesUpItsWaitAndItsSlot()
    {
        CallLimiter limiter(1);
        QObject holder;
        limiter.acquire(&holder, [] {});
        int made = 0;
        {
            QNetworkAccessManager nam;
            oc::TwilioClient twilio(nam, oc::TwilioConfig{QUrl(QStringLiteral("http://127.0.0.1:9")), {}, {}, oc::RetryPolicy(oc::RetryPolicy::Settings{1, std::chrono::milliseconds(1), 1.0, std::chrono::milliseconds(1), std::chrono::milliseconds(5000), 1.0})});
            oc::VendorCalls calls(&limiter);
            calls.call<std::optional<oc::IncomingNumber>>([&] { ++made; return twilio.findOwnedNumber(QStringLiteral("+15005550006")); },
                                                          [](const oc::TypedCall<std::optional<oc::IncomingNumber>> &) {});
            QCOMPARE(limiter.waiting(), 1);
        }
        QCOMPARE(limiter.waiting(), 0);
        limiter.release();
        QCOMPARE(made, 0);
        QCOMPARE(limiter.inUse(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPipelineRunner)
#include "tst_pipelinerunner.moc"
