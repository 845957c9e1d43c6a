#pragma once

#include <QStyledItemDelegate>

namespace oc {

// Draws a step's progress cell as the platform style draws a progress bar (so it matches the theme, the
// palette and HiDPI): empty while waiting, creeping while running, full when finished, with the elapsed time.
class StepProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace oc
