// search_number and buy_number alone, against the fake network and a real journal under a real lease: what each
// sends, what it journals (intent before the purchase, the sid after) and how it fails.
#include "pipeline/resourcetags.h"
#include "provisioning/numbersteps.h"
#include "provisioning/stepnames.h"
#include "stepharness.h"

#include <QTest>

using namespace oc;
using oc::test::StepHarness;
using Response = oc::test::FakeNetworkAccessManager::Response;
using pipeline::StepOutcome;

namespace {

const QString kSearchPath = QStringLiteral("/2010-04-01/Accounts/%1/AvailablePhoneNumbers/US/Local.json").arg(StepHarness::kAccount);
const QString kNumbersPath = QStringLiteral("/2010-04-01/Accounts/%1/IncomingPhoneNumbers.json").arg(StepHarness::kAccount);
const QString kOther = QStringLiteral("+15105550199");

QByteArray available(const QStringList &phones)
{
    QStringList items;
    for (const QString &p : phones)
        items << QStringLiteral(R"({"phone_number":"%1","friendly_name":"(510) 555","locality":"Oakland","region":"CA"})").arg(p);
    return QStringLiteral(R"({"available_phone_numbers":[%1]})").arg(items.join(QLatin1Char(','))).toUtf8();
}

AvailableNumber candidate(const QString &phone)
{
    AvailableNumber n;
    n.phoneNumber = phone;
    return n;
}

} // namespace

class tst_NumberSteps : public QObject
{
    Q_OBJECT

private:
    StepHarness h;

    QString tag() const { return pipeline::ResourceTags::friendlyName(QStringLiteral("Acme"), h.runId()); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(kNumbersPath.contains(QLatin1String("/Accounts/AC0"))); }
    void init() { h.setUp(); }
    void cleanup() { h.tearDown(); }

    void searchAsksForVoiceNumbersInTheAreaCodeAndKeepsTheCandidates()
    {
        h.nam().addRoute("GET", kSearchPath, Response::json(200, available({StepHarness::kPhone, kOther})));
        const StepOutcome o = h.run(new SearchNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), QStringList{QStringLiteral("GET ") + kSearchPath});
        const QUrlQuery query(h.requests().first().url);
        QCOMPARE(query.queryItemValue(QStringLiteral("AreaCode")), QStringLiteral("510"));
        QCOMPARE(query.queryItemValue(QStringLiteral("VoiceEnabled")), QStringLiteral("true"));
        QCOMPARE(query.queryItemValue(QStringLiteral("ExcludeAllAddressRequired")), QStringLiteral("true"));
        QCOMPARE(h.ctx().candidates.size(), 2);
        QCOMPARE(h.ctx().candidates.at(0).phoneNumber, StepHarness::kPhone);
        QCOMPARE(h.ctx().candidates.at(1).phoneNumber, kOther);
        const RunStep line = h.journaled(steps::kSearchNumber);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.detail, QStringLiteral("2 candidates"));
    }

    void searchWithoutNumbersNamesTheAreaCode_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty list") << 200 << QByteArray(R"({"available_phone_numbers":[]})");
        QTest::newRow("21452") << 400 << QByteArray(R"({"code":21452,"message":"No numbers found","status":400})");
    }

    void searchWithoutNumbersNamesTheAreaCode()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        h.nam().addRoute("GET", kSearchPath, Response::json(status, body));
        const StepOutcome o = h.run(new SearchNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QCOMPARE(o.error, QStringLiteral("No available phone numbers in area code 510. Try another area code or country."));
        QVERIFY(!o.mayHaveTakenEffect);
        QCOMPARE(h.requests().size(), 1);
        QVERIFY(h.ctx().candidates.isEmpty());
        QCOMPARE(h.journaled(steps::kSearchNumber).status, StepStatus::Pending);
    }

    void searchFailsClearlyOnAMalformedAnswer()
    {
        h.nam().addRoute("GET", kSearchPath, Response::json(200, R"({"numbers":"none"})"));
        const StepOutcome o = h.run(new SearchNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY2(o.error.contains(QLatin1String("has no available_phone_numbers")), qPrintable(o.error));
        QVERIFY(h.ctx().candidates.isEmpty());
    }

    // A search is a read: a 5xx is retried, and a failure never "may have taken effect".
    void searchRetriesAServerErrorThenFailsWithoutEffect()
    {
        h.nam().addRoute("GET", kSearchPath, Response::json(503, R"({"code":20503,"message":"Service unavailable","status":503})"));
        const StepOutcome o = h.run(new SearchNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("GET ") + kSearchPath, QStringLiteral("GET ") + kSearchPath}));
    }

    void buyPostsTheNumberWithOurTagAfterItsIntentAndRecordsTheSid()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.nam().addRoute("POST", kNumbersPath, Response::json(201, StepHarness::boughtNumber(StepHarness::kPN, StepHarness::kPhone, tag())));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), QStringList{QStringLiteral("POST ") + kNumbersPath});
        const auto &post = h.requests().first();
        QVERIFY(post.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        const QUrlQuery form = StepHarness::form(post);
        QCOMPARE(form.queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded), StepHarness::kPhone);
        QCOMPARE(form.queryItemValue(QStringLiteral("FriendlyName"), QUrl::FullyDecoded), tag());
        // The intent, naming the number to look for, was committed before the POST left.
        const RunStep before = h.lineWhenSent(0, steps::kBuyNumber);
        QCOMPARE(before.status, StepStatus::Intent);
        QCOMPARE(before.lookupTag, StepHarness::kPhone);
        QCOMPARE(before.attempt, 1);
        const RunStep after = h.journaled(steps::kBuyNumber);
        QCOMPARE(after.status, StepStatus::Done);
        QCOMPARE(after.externalId, StepHarness::kPN);
        QVERIFY(h.ctx().number);
        QCOMPARE(h.ctx().number->sid, StepHarness::kPN);
        QVERIFY(h.services().numbersBeingBought->isEmpty()); // the claim ends with the step
    }

    // 21422: someone else bought it first. The lookup says it is not ours, so the next candidate is bought.
    void buyOfANumberTakenMeanwhileMovesToTheNextCandidate()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone), candidate(kOther)};
        h.nam().addRoute("POST", kNumbersPath,
                         QList<Response>{Response::json(400, R"({"code":21422,"message":"not available","status":400})"),
                                         Response::json(201, StepHarness::boughtNumber(StepHarness::kPN, kOther, tag()))});
        h.nam().addRoute("GET", kNumbersPath, Response::json(200, StepHarness::ownedNumbers({}, {}, {})));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST ") + kNumbersPath, QStringLiteral("GET ") + kNumbersPath,
                                        QStringLiteral("POST ") + kNumbersPath}));
        const QString first = StepHarness::form(h.requests().at(0)).queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
        const QString looked = QUrlQuery(h.requests().at(1).url).queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
        const QString second = StepHarness::form(h.requests().at(2)).queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
        QCOMPARE(looked, first);
        QVERIFY2(first != second, qPrintable(first));
        QCOMPARE((QSet<QString>{first, second}), (QSet<QString>{StepHarness::kPhone, kOther}));
        QCOMPARE(h.lineWhenSent(2, steps::kBuyNumber).lookupTag, second); // a new intent for the new number
        const RunStep line = h.journaled(steps::kBuyNumber);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.attempt, 2);
        QCOMPARE(line.externalId, StepHarness::kPN);
    }

    // A definite refusal (4xx other than 21422) fails at once: nothing bought, nothing looked up.
    void buyRefusedDefinitelyFailsWithoutEffect()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.nam().addRoute("POST", kNumbersPath, Response::json(400, R"({"code":21631,"message":"Address required","status":400})"));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("21631")), qPrintable(o.error));
        QCOMPARE(h.sent(), QStringList{QStringLiteral("POST ") + kNumbersPath});
        const RunStep line = h.journaled(steps::kBuyNumber);
        QCOMPARE(line.status, StepStatus::Failed);
        QVERIFY2(line.error.contains(QLatin1String("21631")), qPrintable(line.error));
        QVERIFY(!h.ctx().number);
    }

    // No definite answer: never re-sent, looked up; not there (yet) → "may have taken effect" for the undo.
    void buyWithoutADefiniteAnswerIsLookedUpAndMayHaveTakenEffect_data()
    {
        QTest::addColumn<Response>("response");
        QTest::newRow("500") << Response::json(500, R"({"code":20500,"message":"Internal error","status":500})");
        QTest::newRow("timeout") << Response::hang();
        QTest::newRow("reset after send") << Response::resetAfterSend();
    }

    void buyWithoutADefiniteAnswerIsLookedUpAndMayHaveTakenEffect()
    {
        QFETCH(Response, response);
        h.ctx().candidates = {candidate(StepHarness::kPhone), candidate(kOther)};
        h.nam().addRoute("POST", kNumbersPath, response);
        h.nam().addRoute("GET", kNumbersPath, Response::json(200, StepHarness::ownedNumbers({}, {}, {})));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST ") + kNumbersPath, QStringLiteral("GET ") + kNumbersPath}));
        QCOMPARE(h.journaled(steps::kBuyNumber).status, StepStatus::Unknown);
        QVERIFY(!h.ctx().number);
    }

    void buyTimedOutButFoundWithOurTagIsDone()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.nam().addRoute("POST", kNumbersPath, Response::hang());
        h.nam().addRoute("GET", kNumbersPath, Response::json(200, StepHarness::ownedNumbers(StepHarness::kPN, StepHarness::kPhone, tag())));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        const RunStep line = h.journaled(steps::kBuyNumber);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.externalId, StepHarness::kPN);
    }

    // A timed-out purchase of a number the lookup finds in someone else's hands did not happen: the next
    // candidate is bought, and the first is never sent twice.
    void buyTimedOutOfANumberSomeoneElseOwnsMovesToTheNextCandidate()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone), candidate(kOther)};
        h.nam().addRoute("POST", kNumbersPath, QList<Response>{Response::hang(),
                                                               Response::json(201, StepHarness::boughtNumber(StepHarness::kPN, kOther, tag()))});
        const QByteArray othersBoth = "{\"incoming_phone_numbers\":[" + StepHarness::boughtNumber(QStringLiteral("PN2"), StepHarness::kPhone, QStringLiteral("Another buyer"))
                                      + ',' + StepHarness::boughtNumber(QStringLiteral("PN3"), kOther, QStringLiteral("Another buyer")) + "]}";
        h.nam().addRoute("GET", kNumbersPath, Response::json(200, othersBoth));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST ") + kNumbersPath, QStringLiteral("GET ") + kNumbersPath,
                                        QStringLiteral("POST ") + kNumbersPath}));
        const QString first = StepHarness::form(h.requests().at(0)).queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
        const QString second = StepHarness::form(h.requests().at(2)).queryItemValue(QStringLiteral("PhoneNumber"), QUrl::FullyDecoded);
        QVERIFY2(first != second, qPrintable(first));
        QCOMPARE(h.journaled(steps::kBuyNumber).externalId, StepHarness::kPN);
    }

    // 201 without a sid: bought, but what? Looked up like an ambiguous answer, with a clear error if not found.
    void buyConfirmedWithoutASidIsLookedUpAndSaysSo()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.nam().addRoute("POST", kNumbersPath, Response::json(201, R"({"status":"in-use"})"));
        h.nam().addRoute("GET", kNumbersPath, Response::json(200, StepHarness::ownedNumbers({}, {}, {})));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("without a readable number sid")), qPrintable(o.error));
        QCOMPARE(h.journaled(steps::kBuyNumber).status, StepStatus::Unknown);
    }

    void buyWhoseLookupFailsTooMayHaveTakenEffect()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.nam().addRoute("POST", kNumbersPath, Response::hang());
        h.nam().addRoute("GET", kNumbersPath, Response::json(401, R"({"code":20003,"message":"Authenticate","status":401})"));
        const StepOutcome o = h.run(new BuyNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("the lookup failed too")), qPrintable(o.error));
    }

    void stepsWithoutTheLeaseSendAndJournalNothing()
    {
        h.ctx().candidates = {candidate(StepHarness::kPhone)};
        h.loseTheLease();
        QCOMPARE(h.run(new SearchNumberStep(h.ctx())).kind, StepOutcome::Kind::Fenced);
        QCOMPARE(h.run(new BuyNumberStep(h.ctx())).kind, StepOutcome::Kind::Fenced);
        QVERIFY(h.requests().isEmpty());
        QCOMPARE(h.journaled(steps::kSearchNumber).status, StepStatus::Pending);
        QCOMPARE(h.journaled(steps::kBuyNumber).status, StepStatus::Pending);
    }
};

QTEST_GUILESS_MAIN(tst_NumberSteps)
#include "tst_numbersteps.moc"
