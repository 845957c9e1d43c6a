#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace oc::test {

// A minimal RFC 4180 reader for checking exports: records end with CRLF; quoted fields may hold commas, doubled
// quotes and line breaks.
QList<QStringList> parseCsv(const QByteArray &bytes);

} // namespace oc::test
