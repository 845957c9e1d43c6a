#pragma once

#include "provisioning/asyncstep.h"

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
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void tryCandidate(int index);
    void reconcile(int index, const ApiError &error);
    void bought(const IncomingNumber &number);
    void searchAgain();
    static constexpr int kMaxSearches = 5;
    int m_attempt = 0;
    int m_searches = 0;
};

// Undo of buy_number: releases the number, found by sid or — when the purchase was ambiguous — by the
// PhoneNumber in the journal's intent and our tag. 404 = already gone. A purchase whose outcome is open
// (canceled in flight, timed out) and that is not there yet is looked for once more after the late-create
// grace, so one that goes through late is released too.
class ReleaseNumberStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void lookUp(const QString &phone);
    void release(const QString &sid);
    void verifyReleased(const QString &sid);
    int m_releases = 0;
    bool m_purchaseOpen = false; // the journal never confirmed or refuted the purchase
    bool m_lookedAgain = false;
};

} // namespace oc
