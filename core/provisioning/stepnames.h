#pragma once

#include <QString>

// The recipes' step names, in one place: they are data — journal rows, orgctl's JSON, the
// crash points of ORGCONSOLE_CRASH_AT, the dashboard's failure breakdown — so they never change once shipped.
namespace oc::steps {

inline const QString kSearchNumber = QStringLiteral("search_number");
inline const QString kBuyNumber = QStringLiteral("buy_number");
inline const QString kCreateInbound = QStringLiteral("create_inbound_assistant");
inline const QString kCreateOutbound = QStringLiteral("create_outbound_assistant");
inline const QString kRegisterNumber = QStringLiteral("register_number");
inline const QString kSaveConfig = QStringLiteral("save_config");
inline const QString kRemoveDuplicateAssistants = QStringLiteral("remove_duplicate_assistants");
inline const QString kRemoveDuplicateRegistrations = QStringLiteral("remove_duplicate_registrations");
inline const QString kSendEmail = QStringLiteral("send_email");

// The cleanup recipe's.
inline const QString kDeleteVapiNumber = QStringLiteral("delete_vapi_phone_number");
inline const QString kDeleteInbound = QStringLiteral("delete_inbound_assistant");
inline const QString kDeleteOutbound = QStringLiteral("delete_outbound_assistant");
inline const QString kReleaseNumber = QStringLiteral("release_number");
inline const QString kDeleteConfig = QStringLiteral("delete_config");

// The assistant rollout's.
inline const QString kReadInbound = QStringLiteral("read_inbound_assistant");
inline const QString kReadOutbound = QStringLiteral("read_outbound_assistant");
inline const QString kUpdateInbound = QStringLiteral("update_inbound_assistant");
inline const QString kUpdateOutbound = QStringLiteral("update_outbound_assistant");
inline const QString kRecordVersion = QStringLiteral("record_template_version");

} // namespace oc::steps
