#pragma once

#include <QLocale>
#include <QString>

namespace oc {

// Installs the console's translation for `locale` (compiled in under :/i18n) and, with it, Qt's own
// (qtbase: standard buttons, file dialogs) from Qt's translations directory. Any translation a previous
// call installed is removed first, so calling it again switches the language. A language without a
// console translation leaves the console English and loads none of Qt's either, so the two never mix.
// Returns the language installed ("de"), or an empty string when the console stays English.
// Call after the QApplication exists and before any window is built: texts are looked up when set.
QString installTranslations(const QLocale &locale = QLocale::system());

// The languages the console is translated into, besides its English source ("de").
QStringList availableTranslations();

} // namespace oc
