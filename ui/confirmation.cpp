#include "confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace oc {

bool confirmDestructive(QWidget *parent, const QString &title, const QString &question, const QString &details,
                        const QString &action, const QString &detailedText)
{
    QMessageBox box(QMessageBox::Warning, title, question, QMessageBox::Cancel, parent);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(details);
    if (!detailedText.isEmpty())
        box.setDetailedText(detailedText);
    QPushButton *go = box.addButton(action, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

} // namespace oc
