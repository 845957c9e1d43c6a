#include "provisioning/compliancecheck.h"

#include "phone/countrycatalog.h"
#include "provisioning/provisioningcontext.h"
#include "twilio/twilioclient.h"
#include "util/logging.h"

#include <QTimer>

#include <algorithm>

namespace oc {

namespace {

QString countryName(const QString &iso)
{
    const auto country = phone::CountryCatalog::country(iso);
    return country ? country->englishName : iso;
}

} // namespace

ComplianceCheck::ComplianceCheck(ProvisioningServices &services, QString isoCountry, ComplianceRequest request, QObject *parent)
    : QObject(parent), m_services(services), m_request(std::move(request)), m_calls(services.limiter)
{
    m_choice.isoCountry = isoCountry.trimmed().toUpper();
    // What the operator did not choose comes from the country's defaults in the settings.
    const ComplianceRequest defaults = services.complianceDefaults.value(m_choice.isoCountry);
    if (m_request.bundleSid.isEmpty())
        m_defaultBundle = defaults.bundleSid;
    if (m_request.addressSid.isEmpty())
        m_defaultAddress = defaults.addressSid;
}

ComplianceCheck::~ComplianceCheck() = default;

QString ComplianceCheck::noBundleMessage(const QString &isoCountry)
{
    return QStringLiteral("no approved bundle for %1 — create one in Twilio's console (Regulatory Compliance), then press Refresh")
        .arg(countryName(isoCountry));
}

void ComplianceCheck::start()
{
    QTimer::singleShot(0, this, [this] {
        // Local numbers in the North American Numbering Plan need neither a bundle nor an address.
        if (TwilioClient::searchesByAreaCode(m_choice.isoCountry))
            return succeed();
        const QString country = m_choice.isoCountry;
        m_calls.call<QList<Regulation>>([this, country] { return m_services.twilio.listRegulations(country); },
                                        [this](const TypedCall<QList<Regulation>> &call) {
            if (!call.ok())
                return fail(Error{Error::Kind::Unavailable, QStringLiteral("could not read Twilio's regulations for %1: %2")
                                                                .arg(countryName(m_choice.isoCountry), call.error().describe())},
                        Failure::Unavailable);
            for (const Regulation &r : call.value()) {
                if (r.endUserType.isEmpty() || r.endUserType == QLatin1String("business")) {
                    m_choice.regulation = r;
                    break;
                }
            }
            m_choice.required = m_choice.regulation.has_value();
            if (!m_choice.required)
                return succeed();
            readBundles();
        });
    });
}

void ComplianceCheck::readBundles()
{
    const QString country = m_choice.isoCountry;
    m_calls.call<QList<RegulatoryBundle>>([this, country] { return m_services.twilio.listApprovedBundles(country); },
                                          [this](const TypedCall<QList<RegulatoryBundle>> &call) {
        if (!call.ok())
            return fail(Error{Error::Kind::Unavailable, QStringLiteral("could not read the account's bundles for %1: %2")
                                                            .arg(countryName(m_choice.isoCountry), call.error().describe())},
                        Failure::Unavailable);
        pickBundle(call.value());
    });
}

void ComplianceCheck::pickBundle(const QList<RegulatoryBundle> &listed)
{
    // Only approved bundles of this regulation (a bundle for individuals does not cover a business).
    QList<RegulatoryBundle> approved;
    for (const RegulatoryBundle &b : listed) {
        if (b.isApproved() && (b.regulationSid.isEmpty() || m_choice.regulation->sid.isEmpty()
                               || b.regulationSid == m_choice.regulation->sid))
            approved.append(b);
    }
    const auto find = [&approved](const QString &sid) -> std::optional<RegulatoryBundle> {
        for (const RegulatoryBundle &b : approved) {
            if (b.sid == sid)
                return b;
        }
        return std::nullopt;
    };
    const QString country = countryName(m_choice.isoCountry);
    if (!m_request.bundleSid.isEmpty()) {
        m_choice.bundle = find(m_request.bundleSid);
        if (!m_choice.bundle) {
            // Asked for by name: Twilio has the last word (a provisionally approved bundle may do), so it is sent
            // as it is — a refusal (21649) fails the purchase cleanly.
            RegulatoryBundle asked;
            asked.sid = m_request.bundleSid;
            m_choice.bundle = asked;
            m_choice.warnings << QStringLiteral("bundle %1 is not among the approved bundles for %2 local numbers: Twilio decides at purchase")
                                     .arg(m_request.bundleSid, country);
        }
    } else if (!m_defaultBundle.isEmpty() && (m_choice.bundle = find(m_defaultBundle))) {
        // the country's default
    } else {
        if (!m_defaultBundle.isEmpty())
            m_choice.warnings << QStringLiteral("the default bundle %1 for %2 is not approved (any more): another approved bundle is used")
                                     .arg(m_defaultBundle, country);
        if (approved.isEmpty())
            return fail(Error::conflict(noBundleMessage(m_choice.isoCountry)), Failure::NoBundle);
        // The most recently approved one.
        m_choice.bundle = *std::max_element(approved.begin(), approved.end(), [](const RegulatoryBundle &a, const RegulatoryBundle &b) {
            return a.dateUpdated < b.dateUpdated;
        });
    }
    if (!m_choice.regulation->requiresAddress && m_request.addressSid.isEmpty() && m_defaultAddress.isEmpty())
        return succeed();
    readAddresses();
}

void ComplianceCheck::readAddresses()
{
    m_calls.call<QList<TwilioAddress>>([this] { return m_services.twilio.listAddresses(); },
                                       [this](const TypedCall<QList<TwilioAddress>> &call) {
        if (!call.ok())
            return fail(Error{Error::Kind::Unavailable, QStringLiteral("could not read the account's addresses: %1").arg(call.error().describe())},
                        Failure::Unavailable);
        pickAddress(call.value());
    });
}

void ComplianceCheck::pickAddress(const QList<TwilioAddress> &addresses)
{
    const QString country = countryName(m_choice.isoCountry);
    const auto find = [&addresses](const QString &sid) -> std::optional<TwilioAddress> {
        for (const TwilioAddress &a : addresses) {
            if (a.sid == sid)
                return a;
        }
        return std::nullopt;
    };
    if (!m_request.addressSid.isEmpty()) {
        m_choice.address = find(m_request.addressSid);
        if (!m_choice.address)
            return fail(Error::invalid(QStringLiteral("address %1 is not on the Twilio account — check it in Twilio's console (Addresses)")
                                           .arg(m_request.addressSid)),
                        Failure::UnknownAddress);
        return succeed();
    }
    if (!m_defaultAddress.isEmpty()) {
        if ((m_choice.address = find(m_defaultAddress)))
            return succeed();
        m_choice.warnings << QStringLiteral("the default address %1 for %2 is not on the account (any more): another one is used")
                                 .arg(m_defaultAddress, country);
    }
    if (addresses.isEmpty())
        return fail(Error::conflict(QStringLiteral("no address on the Twilio account: %1 requires a local address — add one in "
                                                   "Twilio's console (Addresses), then press Refresh").arg(country)),
                    Failure::NoAddress);
    for (const TwilioAddress &a : addresses) {
        if (a.isoCountry.compare(m_choice.isoCountry, Qt::CaseInsensitive) == 0) {
            m_choice.address = a;
            return succeed();
        }
    }
    fail(Error::conflict(QStringLiteral("no address in %1 on the Twilio account: %1 requires a local address — add one in "
                                        "Twilio's console (Addresses), then press Refresh").arg(country)),
         Failure::NoAddress);
}

void ComplianceCheck::succeed()
{
    qCInfo(lcPipeline).noquote() << m_choice.summary();
    m_result = Result<ComplianceChoice>(m_choice);
    Q_EMIT finished();
}

QString ComplianceCheck::failureName(Failure failure)
{
    switch (failure) {
    case Failure::None: return {};
    case Failure::NoBundle: return QStringLiteral("noBundle");
    case Failure::NoAddress: return QStringLiteral("noAddress");
    case Failure::UnknownAddress: return QStringLiteral("unknownAddress");
    case Failure::Unavailable: return QStringLiteral("unavailable");
    }
    return {};
}

void ComplianceCheck::fail(const Error &error, Failure why)
{
    m_failure = why;
    m_result = Result<ComplianceChoice>(error);
    Q_EMIT finished();
}

} // namespace oc
