#include "confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace oc {

QMessageBox *confirmDestructive(QWidget *parent, const Confirmation &what, const QObject *context,
                                std::function<void()> onConfirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, what.title, what.question, QMessageBox::Cancel, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(what.details);
    if (!what.detailedText.isEmpty())
        box->setDetailedText(what.detailedText);
    QPushButton *go = box->addButton(what.action, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    // The box is still alive when it reports how it was closed (WA_DeleteOnClose deletes it later); a
    // destroyed context drops the connection, so nothing runs for an asker that is gone.
    QObject::connect(box, &QDialog::finished, context ? context : box, [box, go, onConfirmed = std::move(onConfirmed)] {
        if (box->clickedButton() == go && onConfirmed)
            onConfirmed();
    });
    box->open();
    return box;
}

} // namespace oc
