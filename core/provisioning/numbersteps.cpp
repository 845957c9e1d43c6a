#include "numbersteps.h"

#include "pipeline/resourcetags.h"
#include "provisioning/stepnames.h"
#include "twilio/twilioclient.h"

#include <algorithm>

namespace oc {

namespace {
const QString &kSearch = steps::kSearchNumber;
const QString &kBuy = steps::kBuyNumber;
}

QString SearchNumberStep::noNumbersMessage(const QString &areaCode, const QString &country)
{
    if (areaCode.isEmpty())
        return QStringLiteral("No available phone numbers in %1. Try another country.").arg(country);
    if (!TwilioClient::searchesByAreaCode(country))
        return QStringLiteral("No available phone numbers in %1 for %2. Try another prefix or city, or another country.")
            .arg(country, areaCode);
    return QStringLiteral("No available phone numbers in area code %1. Try another area code or country.").arg(areaCode);
}

QString BuyNumberStep::complianceMessage(const ApiError &error, const ComplianceChoice *choice)
{
    const QString bundle = choice && !choice->bundleSid().isEmpty() ? choice->bundleSid() : QStringLiteral("none");
    const QString address = choice && !choice->addressSid().isEmpty() ? choice->addressSid() : QStringLiteral("none");
    QString what;
    if (error.vendorCode == QLatin1String("21649"))
        what = QStringLiteral("the number needs an approved regulatory bundle (bundle sent: %1)").arg(bundle);
    else if (error.vendorCode == QLatin1String("21631"))
        what = QStringLiteral("the number needs an address that fits it (address sent: %1)").arg(address);
    else
        what = QStringLiteral("the number needs an address and the account has none");
    return QStringLiteral("Twilio refused the purchase for compliance, nothing was bought: %1 — %2 (Twilio error %3)")
        .arg(what, error.message, error.vendorCode);
}

namespace {
std::optional<TwilioAddress> searchAddress(const ProvisioningContext &ctx)
{
    if (ctx.compliance && ctx.compliance->address)
        return ctx.compliance->address;
    return std::nullopt;
}
} // namespace

void SearchNumberStep::run()
{
    Q_EMIT progress(QStringLiteral("searching %1 %2").arg(m_ctx.countryCode, m_ctx.areaCode), 1);
    await<QList<AvailableNumber>>([&] { return m_ctx.services.twilio.searchLocalNumbers(m_ctx.countryCode, m_ctx.areaCode, 20, searchAddress(m_ctx)); },
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

BuyNumberStep::BuyNumberStep(ProvisioningContext &context) : AsyncStep(context), m_beingBought(context.services.numbersBeingBought) {}

BuyNumberStep::~BuyNumberStep()
{
    claim({});
}

void BuyNumberStep::claim(const QString &phone)
{
    if (!m_beingBought)
        return;
    if (!m_claimed.isEmpty())
        m_beingBought->remove(m_claimed);
    m_claimed = phone;
    if (!phone.isEmpty())
        m_beingBought->insert(phone);
}

void BuyNumberStep::run()
{
    spreadCandidates();
    tryCandidate(0);
}

// Runs buying in one area code at once get the same candidates in the same order: each starts at its own
// place in the list (by its run id), so they do not all race for the first number and lose in turn.
void BuyNumberStep::spreadCandidates()
{
    QList<AvailableNumber> &c = m_ctx.candidates;
    if (c.size() > 1)
        std::rotate(c.begin(), c.begin() + qsizetype(qHash(m_ctx.runId) % size_t(c.size())), c.end());
}

void BuyNumberStep::tryCandidate(int index)
{
    // Skip what another run of this process is buying right now.
    while (m_beingBought && index < m_ctx.candidates.size() && m_ctx.candidates.at(index).phoneNumber != m_claimed
           && m_beingBought->contains(m_ctx.candidates.at(index).phoneNumber))
        ++index;
    if (index >= m_ctx.candidates.size()) {
        // Every candidate went to other buyers meanwhile (busy area code, several consoles): search again.
        if (++m_searches <= kMaxSearches)
            return searchAgain();
        journaled(m_ctx.journal.failed(kBuy, QStringLiteral("every candidate was taken")));
        return fail(SearchNumberStep::noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
    }
    const QString phone = m_ctx.candidates.at(index).phoneNumber;
    claim(phone);
    // Intent first: if we die after this line, recovery knows exactly which number to look for.
    if (!journaled(m_ctx.journal.intent(kBuy, phone, ++m_attempt)))
        return;
    Q_EMIT progress(QStringLiteral("buying %1").arg(phone), m_attempt);
    const QString friendly = pipeline::ResourceTags::friendlyName(m_ctx.org.companyName, m_ctx.runId);
    markSent(kBuy);
    const QString bundle = m_ctx.compliance ? m_ctx.compliance->bundleSid() : QString();
    const QString address = m_ctx.compliance ? m_ctx.compliance->addressSid() : QString();
    await<IncomingNumber>([&] { return m_ctx.services.twilio.buyNumber(phone, friendly, bundle, address); },
                          [this, index](const TypedCall<IncomingNumber> &call) {
        if (call.ok())
            return bought(call.value());
        if (TwilioClient::isComplianceError(call.error())) {
            // Definite: Twilio bought nothing. Another candidate would be refused the same way.
            const QString message = complianceMessage(call.error(), m_ctx.compliance ? &*m_ctx.compliance : nullptr);
            journaled(m_ctx.journal.failed(kBuy, message));
            return fail(message);
        }
        if (call.error().ambiguous || call.error().vendorCode == QLatin1String("21422"))
            return reconcile(index, call.error());
        journaled(m_ctx.journal.failed(kBuy, call.error().describe()));
        fail(call.error().describe());
    });
}

void BuyNumberStep::searchAgain()
{
    Q_EMIT progress(QStringLiteral("all candidates were taken; searching again"), m_attempt);
    await<QList<AvailableNumber>>([&] { return m_ctx.services.twilio.searchLocalNumbers(m_ctx.countryCode, m_ctx.areaCode, 20, searchAddress(m_ctx)); },
                                  [this](const TypedCall<QList<AvailableNumber>> &call) {
        if (!call.ok())
            return fail(call.error().describe());
        if (call.value().isEmpty()) {
            journaled(m_ctx.journal.failed(kBuy, QStringLiteral("no numbers left")));
            return fail(SearchNumberStep::noNumbersMessage(m_ctx.areaCode, m_ctx.countryCode));
        }
        m_ctx.candidates = call.value();
        spreadCandidates();
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

ReleaseNumberStep::ReleaseNumberStep(ProvisioningContext &context) : DeleteAndVerifyStep(context, Mode::Undo, kBuy, QStringLiteral("number")) {}

QStringList ReleaseNumberStep::recordedIds() const
{
    if (m_ctx.number && !m_ctx.number->sid.isEmpty())
        return {m_ctx.number->sid};
    const auto journal = m_ctx.journal.step(kBuy);
    if (journal && !journal->externalId.isEmpty())
        return {journal->externalId};
    return {};
}

void ReleaseNumberStep::find(Found then)
{
    const QString phone = m_ctx.number && !m_ctx.number->phoneNumber.isEmpty() ? m_ctx.number->phoneNumber
                                                                               : m_ctx.journal.step(kBuy).value_or(RunStep{}).lookupTag;
    if (phone.isEmpty())
        return then(true, {}, {}); // nothing was bought
    const QStringList known = recordedIds();
    await<std::optional<IncomingNumber>>([&] { return m_ctx.services.twilio.findOwnedNumber(phone); },
                                         [this, then, known](const TypedCall<std::optional<IncomingNumber>> &call) {
        if (!call.ok())
            return then(false, {}, call.error().describe());
        const auto &owned = call.value();
        const bool ours = owned && (known.contains(owned->sid) || pipeline::ResourceTags::runIdFromFriendlyName(owned->friendlyName) == m_ctx.runId);
        then(true, ours ? QStringList{owned->sid} : QStringList(), {});
    });
}

std::unique_ptr<TypedCall<bool>> ReleaseNumberStep::remove(const QString &id)
{
    return m_ctx.services.twilio.releaseNumber(id);
}

} // namespace oc
