#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QObject;
class QWidget;

namespace oc {

// What a confirmation says: the question, what exactly will go (`details`, and optionally a longer
// `detailedText` behind "Show Details…") and the name of the destructive action for its button.
struct Confirmation {
    QString title;
    QString question;
    QString details;
    QString action;
    QString detailedText = {};
};

// Asks before something that cannot be undone, without blocking: opens a warning window-modal to `parent`
// and returns at once. Cancel is the default button and Escape answers it. `onConfirmed` runs only when the
// action button is clicked, and only while `context` lives (the asker may be gone by the time the user
// answers). The box deletes itself when answered; it is returned so callers and tests can reach it.
QMessageBox *confirmDestructive(QWidget *parent, const Confirmation &what, const QObject *context,
                                std::function<void()> onConfirmed);

} // namespace oc
