#include "provisioning/costsreport.h"

#include "phone/phoneformat.h"
#include "provisioning/numberprices.h"
#include "store/store.h"
#include "util/csvwriter.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

// Sums of many small call costs: shown to the hundredth of a cent, so float noise never reaches a total.
double money(double value)
{
    return std::round(value * 10000.0) / 10000.0;
}

QString moneyText(double value)
{
    return QString::number(money(value), 'f', 4);
}

} // namespace

CostsReport::CostsReport(ProvisioningServices &services, QString month, QObject *parent)
    : Operation(parent), m_services(services), m_month(std::move(month).trimmed()), m_calls(services.limiter)
{
}

CostsReport::~CostsReport() = default;

std::optional<std::pair<QDateTime, QDateTime>> CostsReport::monthBounds(const QString &month)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    const auto match = shape.match(month.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const int year = match.captured(1).toInt();
    const int m = match.captured(2).toInt();
    if (year < 1970 || m < 1 || m > 12)
        return std::nullopt;
    const QDate first(year, m, 1);
    const QDateTime from(first, QTime(0, 0), Qt::UTC);
    const QDateTime to(first.addMonths(1), QTime(0, 0), Qt::UTC);
    return std::make_pair(from, to);
}

QString CostsReport::currentMonth()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM"));
}

void CostsReport::start()
{
    if (m_month.isEmpty())
        m_month = currentMonth();
    const auto bounds = monthBounds(m_month);
    if (!bounds) {
        const QString why = QStringLiteral("\"%1\" is not a month (expected YYYY-MM, e.g. %2)").arg(m_month.left(20), currentMonth());
        QTimer::singleShot(0, this, [this, why] { conclude(OperationOutcome::failed(why, Error::Kind::Invalid)); });
        return;
    }
    m_from = bounds->first;
    m_to = bounds->second;
    QTimer::singleShot(0, this, &CostsReport::loadSetups);
}

void CostsReport::loadSetups()
{
    auto configs = m_services.store.aiConfigs().all();
    if (!configs)
        return fail(configs.error().message);
    for (const AiConfig &c : configs.value()) {
        Line line;
        line.organizationId = c.organizationId;
        if (auto org = m_services.store.organizations().find(c.organizationId))
            line.organization = org->companyName;
        line.status = statusName(c.status);
        line.phoneNumber = c.number;
        line.country = phone::countryOf(c.number);
        line.inboundAssistantId = c.inboundAssistantId;
        line.outboundAssistantId = c.outboundAssistantId;
        m_lines.append(line);
    }
    std::sort(m_lines.begin(), m_lines.end(), [](const Line &a, const Line &b) { return a.organizationId < b.organizationId; });
    sweepOrphans();
}

void CostsReport::sweepOrphans()
{
    // The orphan sweep's own classification (and its prices: the same cache), listing only.
    m_sweep = std::make_unique<OrphanSweep>(m_services, false, QString());
    connect(m_sweep.get(), &Operation::finished, this, [this] {
        if (m_sweep->ok())
            m_orphans = m_sweep->orphans();
        else
            m_warnings << QStringLiteral("orphans could not be listed: %1").arg(m_sweep->errorMessage());
        m_sweep.release()->deleteLater();
        loadPrices();
    });
    m_sweep->start();
}

void CostsReport::loadPrices()
{
    QStringList countries;
    for (const Line &l : std::as_const(m_lines))
        countries << l.country;
    for (const OrphanSweep::Orphan &o : std::as_const(m_orphans))
        countries << o.country;
    countries.removeAll(QString());
    m_priceLookup = std::make_unique<NumberPrices>(m_services, countries);
    connect(m_priceLookup.get(), &NumberPrices::finished, this, [this] {
        m_prices = m_priceLookup->prices();
        m_priceErrors = m_priceLookup->errors();
        for (auto it = m_priceErrors.cbegin(); it != m_priceErrors.cend(); ++it)
            m_warnings << QStringLiteral("no number price for %1: %2").arg(it.key(), it.value());
        for (Line &l : m_lines) {
            if (const auto p = m_prices.constFind(l.country); p != m_prices.cend())
                l.numberMonthly = p->monthly;
        }
        m_priceLookup.release()->deleteLater();
        nextCalls();
    });
    m_priceLookup->start();
}

void CostsReport::nextCalls()
{
    if (m_callIndex >= 2 * m_lines.size())
        return finish();
    const int lineIndex = m_callIndex / 2;
    const bool inbound = m_callIndex % 2 == 0;
    ++m_callIndex;
    const QString assistant = inbound ? m_lines[lineIndex].inboundAssistantId : m_lines[lineIndex].outboundAssistantId;
    if (assistant.isEmpty())
        return nextCalls();
    m_calls.call<QList<VapiCall>>([this, assistant] { return m_services.vapi.listCalls(assistant, m_from, m_to); },
                                  [this, lineIndex](const TypedCall<QList<VapiCall>> &call) {
                                      Line &line = m_lines[lineIndex];
                                      if (!call.ok()) {
                                          line.error = call.error().describe();
                                          m_warnings << QStringLiteral("calls of organization %1 could not be listed: %2")
                                                            .arg(line.organizationId)
                                                            .arg(line.error);
                                      } else {
                                          for (const VapiCall &c : call.value())
                                              line.calls += c.cost;
                                          line.callCount += int(call.value().size());
                                      }
                                      nextCalls();
                                  });
}

void CostsReport::fail(const QString &error)
{
    conclude(OperationOutcome::failed(error, Error::Kind::Other,
                                      QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("message"), error}}));
}

void CostsReport::finish()
{
    OperationOutcome outcome;
    outcome.result = OperationOutcome::Result::Succeeded;
    outcome.warnings = m_warnings;
    outcome.answer = answer();
    conclude(outcome);
}

QJsonObject CostsReport::answer() const
{
    QJsonArray organizations;
    double numbers = 0, calls = 0;
    int callCount = 0;
    QList<std::pair<double, const Line *>> ranked;
    for (const Line &l : m_lines) {
        const double total = l.numberMonthly.value_or(0) + l.calls;
        QJsonObject j{{QStringLiteral("organizationId"), l.organizationId},
                      {QStringLiteral("organization"), l.organization},
                      {QStringLiteral("status"), l.status},
                      {QStringLiteral("phoneNumber"), l.phoneNumber},
                      {QStringLiteral("country"), l.country},
                      {QStringLiteral("callsUsd"), money(l.calls)},
                      {QStringLiteral("calls"), l.callCount},
                      {QStringLiteral("totalUsd"), money(total)}};
        j.insert(QStringLiteral("numberMonthlyUsd"), l.numberMonthly ? QJsonValue(money(*l.numberMonthly)) : QJsonValue());
        if (!l.error.isEmpty())
            j.insert(QStringLiteral("error"), l.error);
        organizations.append(j);
        numbers += l.numberMonthly.value_or(0);
        calls += l.calls;
        callCount += l.callCount;
        ranked.append({total, &l});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QJsonArray mostExpensive;
    for (int i = 0; i < ranked.size() && i < kMostExpensive; ++i) {
        if (ranked[i].first <= 0)
            break;
        mostExpensive.append(QJsonObject{{QStringLiteral("organizationId"), ranked[i].second->organizationId},
                                         {QStringLiteral("organization"), ranked[i].second->organization},
                                         {QStringLiteral("totalUsd"), money(ranked[i].first)}});
    }
    QJsonArray orphans;
    double orphaned = 0;
    for (const OrphanSweep::Orphan &o : m_orphans) {
        QJsonObject j{{QStringLiteral("kind"), o.kind}, {QStringLiteral("id"), o.id}, {QStringLiteral("name"), o.name}};
        if (!o.runId.isEmpty())
            j.insert(QStringLiteral("runId"), o.runId);
        if (!o.country.isEmpty())
            j.insert(QStringLiteral("country"), o.country);
        const auto price = o.country.isEmpty() ? std::nullopt : std::optional<NumberPrice>(m_prices.value(o.country));
        const bool priced = o.kind == QLatin1String("number") && m_prices.contains(o.country);
        j.insert(QStringLiteral("monthlyCostUsd"), priced ? money(price->monthly) : 0.0);
        if (priced)
            orphaned += price->monthly;
        orphans.append(j);
    }
    const QJsonObject totals{{QStringLiteral("organizations"), int(m_lines.size())},
                             {QStringLiteral("numbersUsd"), money(numbers)},
                             {QStringLiteral("callsUsd"), money(calls)},
                             {QStringLiteral("calls"), callCount},
                             {QStringLiteral("organizationsUsd"), money(numbers + calls)},
                             {QStringLiteral("orphans"), int(m_orphans.size())},
                             {QStringLiteral("orphansUsd"), money(orphaned)},
                             {QStringLiteral("totalUsd"), money(numbers + calls + orphaned)}};
    return QJsonObject{{QStringLiteral("success"), true},
                       {QStringLiteral("month"), m_month},
                       {QStringLiteral("from"), m_from.toString(Qt::ISODate)},
                       {QStringLiteral("to"), m_to.toString(Qt::ISODate)},
                       {QStringLiteral("currency"), QStringLiteral("USD")},
                       {QStringLiteral("organizations"), organizations},
                       {QStringLiteral("orphans"), orphans},
                       {QStringLiteral("totals"), totals},
                       {QStringLiteral("mostExpensive"), mostExpensive},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings)}};
}

QStringList CostsReport::csvColumns()
{
    return {QStringLiteral("kind"),        QStringLiteral("organization_id"), QStringLiteral("organization"),
            QStringLiteral("status"),      QStringLiteral("phone_number"),    QStringLiteral("country"),
            QStringLiteral("number_usd_month"), QStringLiteral("calls"),      QStringLiteral("calls_usd"),
            QStringLiteral("total_usd"),   QStringLiteral("month")};
}

QByteArray CostsReport::toCsv(const QJsonObject &answer)
{
    QByteArray out = CsvWriter::record(csvColumns());
    const QString month = answer.value(QLatin1String("month")).toString();
    for (const QJsonValue &v : answer.value(QLatin1String("organizations")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonValue price = o.value(QLatin1String("numberMonthlyUsd"));
        out += CsvWriter::record({QStringLiteral("organization"), QString::number(o.value(QLatin1String("organizationId")).toInteger()),
                                  o.value(QLatin1String("organization")).toString(), o.value(QLatin1String("status")).toString(),
                                  o.value(QLatin1String("phoneNumber")).toString(), o.value(QLatin1String("country")).toString(),
                                  price.isDouble() ? moneyText(price.toDouble()) : QString(),
                                  QString::number(o.value(QLatin1String("calls")).toInt()),
                                  moneyText(o.value(QLatin1String("callsUsd")).toDouble()),
                                  moneyText(o.value(QLatin1String("totalUsd")).toDouble()), month});
    }
    for (const QJsonValue &v : answer.value(QLatin1String("orphans")).toArray()) {
        const QJsonObject o = v.toObject();
        const double cost = o.value(QLatin1String("monthlyCostUsd")).toDouble();
        out += CsvWriter::record({QStringLiteral("orphan_") + o.value(QLatin1String("kind")).toString(), QString(),
                                  o.value(QLatin1String("id")).toString(), QString(), o.value(QLatin1String("name")).toString(),
                                  o.value(QLatin1String("country")).toString(), moneyText(cost), QString(), QString(),
                                  moneyText(cost), month});
    }
    return out;
}

} // namespace oc
