#pragma once

#include "provisioning/operation.h"
#include "provisioning/orphansweep.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

#include <QDateTime>
#include <QHash>

#include <memory>
#include <optional>

namespace oc {

class NumberPrices;

// What the organizations' voice-AI setups cost in one month (issue 13 §3): per organization with a setup its
// number, the number's country and monthly price (Twilio Pricing v1, cached a day per country), and the month's
// VAPI call cost of its two assistants (GET /call, summed); the totals; the most expensive organizations; and
// the orphans the orphan sweep finds, each number with its price. Read-only; every vendor call under the shared
// limit. Answers CostsReport::answer's JSON (README "Costs").
class CostsReport : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CostsReport)

public:
    // `month` is "YYYY-MM" (UTC); empty: the current month.
    CostsReport(ProvisioningServices &services, QString month, QObject *parent = nullptr);
    ~CostsReport() override;

    // Answers {"success", "month", "from", "to", "currency", "organizations": [...], "orphans": [...],
    // "totals": {...}, "mostExpensive": [...], "warnings": [...]} — see README "Costs".
    void start() override;

    // [first instant of the month, first instant of the next) in UTC for "YYYY-MM"; nullopt when it is not one.
    static std::optional<std::pair<QDateTime, QDateTime>> monthBounds(const QString &month);
    // The current month (UTC) as "YYYY-MM".
    static QString currentMonth();
    // The report as CSV (RFC 4180, CsvWriter): a header, one row per organization, one per orphan.
    static QByteArray toCsv(const QJsonObject &answer);
    static QStringList csvColumns();
    // How many organizations "mostExpensive" lists.
    static constexpr int kMostExpensive = 5;

    struct Line {
        qint64 organizationId = 0;
        QString organization;
        QString status;
        QString phoneNumber;
        QString country;
        QString inboundAssistantId;
        QString outboundAssistantId;
        std::optional<double> numberMonthly; // nullopt: no price known for the country
        double calls = 0;
        int callCount = 0;
        QString error; // the calls could not be listed (the line is incomplete)
    };

private:
    void loadSetups();
    void sweepOrphans();
    void loadPrices();
    void nextCalls();
    void finish();
    void fail(const QString &error);
    QJsonObject answer() const;

    ProvisioningServices &m_services;
    QString m_month;
    QDateTime m_from, m_to;
    QList<Line> m_lines;
    int m_callIndex = 0; // 2 per line: inbound, outbound
    QList<OrphanSweep::Orphan> m_orphans;
    QHash<QString, NumberPrice> m_prices;
    QHash<QString, QString> m_priceErrors;
    QStringList m_warnings;
    std::unique_ptr<OrphanSweep> m_sweep;
    std::unique_ptr<NumberPrices> m_priceLookup;
    VendorCalls m_calls; // last: destroyed first
};

} // namespace oc
