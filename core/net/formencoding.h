#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace oc {

using FormFields = QList<std::pair<QString, QString>>;

// application/x-www-form-urlencoded with every reserved character percent-encoded. QUrlQuery leaves `+`
// raw and form decoders (Twilio's among them) read it as a space, so "+1510…" must travel as "%2B1510…".
QByteArray formEncode(const FormFields &fields);

} // namespace oc
