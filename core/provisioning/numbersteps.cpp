#include "numbersteps.h"

#include "pipeline/resourcetags.h"
#include "provisioning/stepnames.h"
#include "twilio/twilioclient.h"

namespace oc {

namespace {
const QString &kSearch = steps::kSearchNumber;
const QString &kBuy = steps::kBuyNumber;
}

QString SearchNumberStep::noNumbersMessage(const QString &areaCode, const QString &country)
{
    if (areaCode.isEmpty())
        return QStringLiteral("No available phone numbers in %1. Try another country.").arg(country);
    return QStringLiteral("No available phone numbers in area code %1. Try another area code or country.").arg(areaCode);
}

void SearchNumberStep::run()
{
    Q_EMIT progress(QStringLiteral("searching %1 %2").arg(m_ctx.countryCode, m_ctx.areaCode), 1);
    await<QList<AvailableNumber>>([&] { return m_ctx.services.twilio.searchLocalNumbers(m_ctx.countryCode, m_ctx.areaCode); },
                                  [this](const TypedCall<QList<AvailableNumber>> &call) {
        if (!call.ok()) {
            if (call.error().vendorCode == QLatin1String("21452"))
                return fail(noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
            return fail(call.error().describe());
        }
        if (call.value().isEmpty())
            return fail(noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
        m_ctx.candidates = call.value();
        if (!journaled(m_ctx.journal.done(kSearch, {}, QStringLiteral("%1 candidates").arg(call.value().size()))))
            return;
        succeed(QStringLiteral("%1 numbers available").arg(call.value().size()));
    });
}

void BuyNumberStep::run()
{
    tryCandidate(0);
}

void BuyNumberStep::tryCandidate(int index)
{
    if (index >= m_ctx.candidates.size()) {
        // Every candidate went to other buyers meanwhile (busy area code, several consoles): search again.
        if (++m_searches <= kMaxSearches)
            return searchAgain();
        journaled(m_ctx.journal.failed(kBuy, QStringLiteral("every candidate was taken")));
        return fail(SearchNumberStep::noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
    }
    const QString phone = m_ctx.candidates.at(index).phoneNumber;
    // Intent first: if we die after this line, recovery knows exactly which number to look for.
    if (!journaled(m_ctx.journal.intent(kBuy, phone, ++m_attempt)))
        return;
    Q_EMIT progress(QStringLiteral("buying %1").arg(phone), m_attempt);
    const QString friendly = pipeline::ResourceTags::friendlyName(m_ctx.org.companyName, m_ctx.runId);
    markSent(kBuy);
    await<IncomingNumber>([&] { return m_ctx.services.twilio.buyNumber(phone, friendly); }, [this, index](const TypedCall<IncomingNumber> &call) {
        if (call.ok())
            return bought(call.value());
        if (call.error().ambiguous || call.error().vendorCode == QLatin1String("21422"))
            return reconcile(index, call.error());
        journaled(m_ctx.journal.failed(kBuy, call.error().describe()));
        fail(call.error().describe());
    });
}

void BuyNumberStep::searchAgain()
{
    Q_EMIT progress(QStringLiteral("all candidates were taken; searching again"), m_attempt);
    await<QList<AvailableNumber>>([&] { return m_ctx.services.twilio.searchLocalNumbers(m_ctx.countryCode, m_ctx.areaCode); },
                                  [this](const TypedCall<QList<AvailableNumber>> &call) {
        if (!call.ok())
            return fail(call.error().describe());
        if (call.value().isEmpty()) {
            journaled(m_ctx.journal.failed(kBuy, QStringLiteral("no numbers left")));
            return fail(SearchNumberStep::noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
        }
        m_ctx.candidates = call.value();
        tryCandidate(0);
    });
}

void BuyNumberStep::reconcile(int index, const ApiError &error)
{
    const QString phone = m_ctx.candidates.at(index).phoneNumber;
    if (error.ambiguous && !recorded(m_ctx.journal.unknown(kBuy, error.describe())))
        return;
    Q_EMIT progress(QStringLiteral("checking whether %1 is ours").arg(phone), m_attempt);
    await<std::optional<IncomingNumber>>([&] { return m_ctx.services.twilio.findOwnedNumber(phone); },
                                         [this, index, error](const TypedCall<std::optional<IncomingNumber>> &call) {
        if (!call.ok()) // cannot tell: the undo looks again
            return fail(QStringLiteral("%1; the lookup failed too: %2").arg(error.describe(), call.error().describe()), true);
        const auto &owned = call.value();
        if (owned && pipeline::ResourceTags::runIdFromFriendlyName(owned->friendlyName) == m_ctx.runId)
            return bought(*owned);
        if (owned || !error.ambiguous)
            return tryCandidate(index + 1); // 21422 and not ours: race lost, next candidate
        // Ambiguous and not (yet) owned: a slow purchase may still land. Never buy another one on top of it;
        // fail, and let the undo look for this number again.
        fail(error.describe(), true);
    });
}

void BuyNumberStep::bought(const IncomingNumber &number)
{
    m_ctx.number = number;
    if (!recorded(m_ctx.journal.done(kBuy, number.sid, number.phoneNumber)))
        return;
    succeed(number.phoneNumber);
}

void ReleaseNumberStep::run()
{
    m_purchaseOpen = createOutcomeOpen(kBuy);
    if (m_ctx.number && !m_ctx.number->sid.isEmpty())
        return release(m_ctx.number->sid);
    const auto journal = m_ctx.journal.step(kBuy);
    const QString phone = journal ? journal->lookupTag : QString();
    if (journal && !journal->externalId.isEmpty())
        return release(journal->externalId);
    if (phone.isEmpty())
        return succeed(QStringLiteral("nothing was bought"));
    lookUp(phone);
}

void ReleaseNumberStep::lookUp(const QString &phone)
{
    await<std::optional<IncomingNumber>>([&] { return m_ctx.services.twilio.findOwnedNumber(phone); },
                                         [this, phone](const TypedCall<std::optional<IncomingNumber>> &call) {
        if (!call.ok())
            return fail(call.error().describe());
        const auto &owned = call.value();
        if (!owned || pipeline::ResourceTags::runIdFromFriendlyName(owned->friendlyName) != m_ctx.runId) {
            // A purchase we stopped waiting for may still go through at Twilio: look once more, late enough.
            if (m_purchaseOpen && !m_lookedAgain) {
                m_lookedAgain = true;
                return afterLateCreateGrace(kBuy, [this, phone] { lookUp(phone); });
            }
            return succeed(QStringLiteral("nothing was bought"));
        }
        release(owned->sid);
    });
}

void ReleaseNumberStep::release(const QString &sid)
{
    if (!journaled(m_ctx.journal.compensating(kBuy)))
        return;
    await<bool>([&] { return m_ctx.services.twilio.releaseNumber(sid); }, [this, sid](const TypedCall<bool> &call) {
        if (!call.ok()) {
            journaled(m_ctx.journal.compensationFailed(kBuy, call.error().describe()));
            return fail(QStringLiteral("release of %1 failed: %2").arg(sid, call.error().describe()));
        }
        verifyReleased(sid);
    });
}

// Trust, but verify: a 404 says "already gone", and an answer can be wrong. Look once more.
void ReleaseNumberStep::verifyReleased(const QString &sid)
{
    const QString phone = m_ctx.number && !m_ctx.number->phoneNumber.isEmpty()
                              ? m_ctx.number->phoneNumber
                              : m_ctx.journal.step(kBuy).value_or(RunStep{}).lookupTag;
    if (phone.isEmpty()) {
        if (!journaled(m_ctx.journal.compensated(kBuy, sid)))
            return;
        return succeed(QStringLiteral("released %1").arg(sid));
    }
    await<std::optional<IncomingNumber>>([&] { return m_ctx.services.twilio.findOwnedNumber(phone); },
                                         [this, sid, phone](const TypedCall<std::optional<IncomingNumber>> &call) {
        const bool stillOwned = call.ok() && call.value() && call.value()->sid == sid;
        if (stillOwned && ++m_releases < 3)
            return release(sid);
        if (stillOwned) {
            journaled(m_ctx.journal.compensationFailed(kBuy, QStringLiteral("still owned after release")));
            return fail(QStringLiteral("%1 (%2) is still owned after releasing it").arg(phone, sid));
        }
        if (!journaled(m_ctx.journal.compensated(kBuy, sid)))
            return;
        succeed(QStringLiteral("released %1").arg(sid));
    });
}

} // namespace oc
