#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace oc {

enum class OrgStatus { Pending, Verified, Rejected, Suspended };

QString statusName(OrgStatus status);
std::optional<OrgStatus> orgStatusFromString(const QString &text);

// An organization as the platform registered it; the console reads these and changes their status.
struct Organization {
    qint64 id = 0;
    QString companyName;
    OrgStatus status = OrgStatus::Pending;
    bool isVerified = false;
    QString ownerId;
    QString ownerName;
    QString ownerEmail;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// What someone enters to register an organization; validated before anything is written.
struct NewOrganization {
    QString companyName;
    QString ownerEmail;
    QString ownerName;
    QString ownerId;
    OrgStatus status = OrgStatus::Pending;
    QDateTime createdAt; // invalid = now

    // Empty when valid, else one sentence saying what to fix.
    QString validationError() const;
};

inline constexpr int kMaxCompanyNameLength = 200;
inline constexpr int kMaxOwnerNameLength = 200;
inline constexpr int kMaxEmailLength = 254;

bool isPlausibleEmail(const QString &email);

} // namespace oc

Q_DECLARE_METATYPE(oc::Organization)
