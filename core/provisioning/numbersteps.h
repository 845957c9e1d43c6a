#pragma once

#include "provisioning/asyncstep.h"
#include "provisioning/deleteandverify.h"

namespace oc {

// search_number: the candidates the purchase will try, in order. A read: nothing to undo.
class SearchNumberStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;
    static QString noNumbersMessage(const QString &areaCode, const QString &country);

private:
    void run() override;
};

// buy_number: buys a candidate by explicit PhoneNumber, tagged "{org} [oc:<runId>]". A 21422 (taken) or an
// ambiguous answer is reconciled by looking the number up: ours → done, someone else's → next candidate.
class BuyNumberStep final : public AsyncStep
{
public:
    explicit BuyNumberStep(ProvisioningContext &context);
    ~BuyNumberStep() override;
    // 21631, 21649, 21613 (TwilioClient::isComplianceError) in words, with what the purchase carried.
    static QString complianceMessage(const ApiError &error, const ComplianceChoice *choice);

private:
    void run() override;
    void tryCandidate(int index);
    void reconcile(int index, const ApiError &error);
    void bought(const IncomingNumber &number);
    void searchAgain();
    void spreadCandidates();
    void claim(const QString &phone);
    static constexpr int kMaxSearches = 5;
    std::shared_ptr<QSet<QString>> m_beingBought; // the process's, shared: safe to release from the destructor
    QString m_claimed;
    int m_attempt = 0;
    int m_searches = 0;
};

// Undo of buy_number (DeleteAndVerifyStep): releases the number, known by its sid or — when the purchase was
// ambiguous — found by the PhoneNumber in the journal's intent and our tag.
class ReleaseNumberStep final : public DeleteAndVerifyStep
{
public:
    explicit ReleaseNumberStep(ProvisioningContext &context);

private:
    QStringList recordedIds() const override;
    void find(Found then) override;
    std::unique_ptr<TypedCall<bool>> remove(const QString &id) override;
    bool findFirst() const override { return recordedIds().isEmpty(); }
};

} // namespace oc
