#pragma once

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QStackedLayout;
class QValueAxis;

namespace oc {

// A titled card with one bar chart (QtCharts) that follows the palette: axes, labels and grid in palette roles,
// bars in an accent colour. With no data it says so instead of drawing empty axes.
class BarChartCard : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BarChartCard)

public:
    // Horizontal: categories down the left, longest bar first (for named steps). Vertical: categories along
    // the bottom in the given order (for histograms).
    BarChartCard(const QString &title, Qt::Orientation orientation, QWidget *parent = nullptr);

    void setBars(const QStringList &categories, const QList<qreal> &values);
    void setEmptyText(const QString &text);
    void setAccent(const QColor &accent);
    void setFooter(const QString &text);

    QStringList categories() const { return m_categories; }
    QList<qreal> values() const { return m_values; }
    QChart *chart() const { return m_chart; }
    bool showsEmptyText() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyPalette();

    Qt::Orientation m_orientation;
    QLabel *m_title;
    QLabel *m_footer;
    QLabel *m_empty;
    QStackedLayout *m_stack;
    QChartView *m_view;
    QChart *m_chart;
    QStringList m_categories;
    QList<qreal> m_values;
    QColor m_accent;
};

} // namespace oc
