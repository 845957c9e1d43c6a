#pragma once

#include <QColor>
#include <QWidget>

class QLabel;

namespace oc {

// One number on the dashboard: a title, the value in large type and a caption line, on a card with an accent bar
// in the given colour. Colours other than the accent come from the palette.
class StatTile : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatTile)

public:
    explicit StatTile(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QString &caption);
    void setAccent(const QColor &accent);
    QString value() const;
    QString caption() const;
    QString title() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_caption;
    QColor m_accent;
};

} // namespace oc
