#pragma once

#include <QStringList>

namespace oc::cli {

// `orgctl mail preview approval|failure [--text]`: renders an e-mail with sample data.
int runMail(const QStringList &args);

} // namespace oc::cli
