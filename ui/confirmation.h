#pragma once

#include <QString>

class QWidget;

namespace oc {

// Asks before something that cannot be undone: a warning with the question, what exactly will go
// (`details`, and optionally a longer `detailedText` behind "Show Details…"), a destructive button named for
// the action, and Cancel as the default. True only when the action button was clicked.
bool confirmDestructive(QWidget *parent, const QString &title, const QString &question, const QString &details,
                        const QString &action, const QString &detailedText = {});

} // namespace oc
