#include "leftovers.h"

#include "pipeline/resourcetags.h"
#include "provisioning/assistantsteps.h"
#include "provisioning/stepnames.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QTimer>

namespace oc {

namespace {
const QString &kSearch = steps::kSearchNumber;
const QString &kBuy = steps::kBuyNumber;
const QString &kInbound = steps::kCreateInbound;
const QString &kOutbound = steps::kCreateOutbound;
const QString &kRegister = steps::kRegisterNumber;

// A step whose resource may still be out there: it was created (or may have been), and its undo did not
// verify it gone.
bool mayRemain(const std::optional<RunStep> &s)
{
    return s && s->status != StepStatus::Compensated && s->status != StepStatus::Failed && s->status != StepStatus::Skipped
           && s->status != StepStatus::Pending;
}
} // namespace

QStringList AdoptedResources::ids() const
{
    QStringList out;
    if (number)
        out << number->sid;
    if (inbound)
        out << inbound->id;
    if (outbound)
        out << outbound->id;
    if (vapiNumber)
        out << vapiNumber->id;
    return out;
}

QStringList AdoptedResources::steps() const
{
    QStringList out;
    if (number)
        out << kSearch << kBuy;
    if (inbound)
        out << kInbound;
    if (outbound)
        out << kOutbound;
    if (vapiNumber)
        out << kRegister;
    return out;
}

LeftoverCheck::LeftoverCheck(ProvisioningServices &services, QString runId, QObject *parent)
    : QObject(parent), m_services(services), m_runId(std::move(runId)), m_calls(services.limiter)
{
    m_result.fromRunId = m_runId;
}

LeftoverCheck::~LeftoverCheck() = default;


void LeftoverCheck::start()
{
    QTimer::singleShot(0, this, [this] {
        auto steps = m_services.store.runs().steps(m_runId);
        if (!steps)
            return finish();
        for (const RunStep &s : steps.value())
            m_steps.insert(s.step, s);
        checkNumber();
    });
}

void LeftoverCheck::checkNumber()
{
    const std::optional<RunStep> buy = m_steps.contains(kBuy) ? std::optional<RunStep>(m_steps.value(kBuy)) : std::nullopt;
    // The number bought (done's detail) or, for an open purchase, the one the intent named.
    const QString phone = buy && buy->detail.startsWith(QLatin1Char('+')) ? buy->detail : buy ? buy->lookupTag : QString();
    if (!mayRemain(buy) || phone.isEmpty())
        return checkAssistant(true);
    const QString sid = buy->externalId;
    m_calls.call<std::optional<IncomingNumber>>([this, phone] { return m_services.twilio.findOwnedNumber(phone); },
                                         [this, sid](const TypedCall<std::optional<IncomingNumber>> &call) {
        if (call.ok() && call.value()) {
            const IncomingNumber &n = *call.value();
            // Known sid: the same number. Open purchase: ours only by our tag.
            const bool ours = sid.isEmpty() ? pipeline::ResourceTags::runIdFromFriendlyName(n.friendlyName) == m_runId : n.sid == sid;
            if (ours)
                m_result.number = n;
        }
        checkAssistant(true);
    });
}

void LeftoverCheck::checkAssistant(bool inbound)
{
    const QString name = inbound ? kInbound : kOutbound;
    const std::optional<RunStep> step = m_steps.contains(name) ? std::optional<RunStep>(m_steps.value(name)) : std::nullopt;
    const auto next = [this, inbound] { inbound ? checkAssistant(false) : checkVapiNumber(); };
    if (!mayRemain(step))
        return next();
    auto &slot = inbound ? m_result.inbound : m_result.outbound;
    const QString id = step->externalId;
    if (id.isEmpty()) {
        // A create whose answer never came (or never reached the journal): ours if VAPI lists one with our tags.
        const QDateTime from = (step->startedAt.isValid() ? step->startedAt : step->updatedAt).addSecs(-300);
        const AssistantRole role = inbound ? AssistantRole::Inbound : AssistantRole::Outbound;
        m_calls.call<QList<VapiAssistant>>([this, from] { return m_services.vapi.listAssistants(from); }, [this, &slot, role, next](const TypedCall<QList<VapiAssistant>> &call) {
            if (call.ok()) {
                const QList<VapiAssistant> mine = taggedAssistants(call.value(), m_runId, role);
                if (!mine.isEmpty())
                    slot = mine.first(); // any others are duplicates: swept, or removed after the pivot
            }
            next();
        });
        return;
    }
    m_calls.call<VapiAssistant>([this, id] { return m_services.vapi.getAssistant(id); }, [&slot, id, next](const TypedCall<VapiAssistant> &call) {
        if (call.ok() && call.value().id == id)
            slot = call.value();
        next();
    });
}

void LeftoverCheck::checkVapiNumber()
{
    const std::optional<RunStep> reg = m_steps.contains(kRegister) ? std::optional<RunStep>(m_steps.value(kRegister)) : std::nullopt;
    if (!mayRemain(reg) || !m_result.number || !m_result.inbound)
        return finish();
    // By its id when the journal has it; otherwise (a registration whose answer never came) the one on our
    // number and our inbound assistant.
    const QString id = reg->externalId;
    m_calls.call<QList<VapiPhoneNumber>>([this] { return m_services.vapi.listPhoneNumbers(); }, [this, id](const TypedCall<QList<VapiPhoneNumber>> &call) {
        if (call.ok()) {
            for (const VapiPhoneNumber &p : call.value()) {
                if ((id.isEmpty() || p.id == id) && p.number == m_result.number->phoneNumber && p.assistantId == m_result.inbound->id) {
                    m_result.vapiNumber = p;
                    break;
                }
            }
        }
        finish();
    });
}

void LeftoverCheck::finish()
{
    QTimer::singleShot(0, this, &LeftoverCheck::finished);
}

} // namespace oc
