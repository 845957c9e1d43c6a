#include "barchartcard.h"

#include "dashboardcolors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHorizontalBarSeries>
#include <QBarSeries>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStackedLayout>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

// A round axis maximum with room for the value labels outside the bars' ends.
qreal niceMaximum(qreal max)
{
    if (max <= 0)
        return 1;
    const qreal target = max * 1.18;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(target)));
    for (qreal step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= target)
            return std::max<qreal>(step * magnitude, 1);
    }
    return 10 * magnitude;
}

// About five whole-number steps up to `max`.
qreal tickInterval(qreal max)
{
    const qreal raw = max / 5;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(std::max<qreal>(raw, 1e-9))));
    for (qreal step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= raw)
            return std::max<qreal>(1, std::round(step * magnitude));
    }
    return std::max<qreal>(1, 10 * magnitude);
}

} // namespace

BarChartCard::BarChartCard(const QString &title, Qt::Orientation orientation, QWidget *parent)
    : QWidget(parent), m_orientation(orientation), m_title(new QLabel(title, this)), m_footer(new QLabel(this)),
      m_empty(new QLabel(this)), m_stack(new QStackedLayout), m_view(new QChartView(this)), m_chart(new QChart)
{
    setAccessibleName(title);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_footer->setVisible(false);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 4, 8, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_view->setChart(m_chart); // the view owns the chart
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->setBackgroundRole(QPalette::Base);
    m_view->setMinimumHeight(220);
    m_view->setAccessibleName(title);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    layout->addLayout(m_stack, 1);
    layout->addWidget(m_footer);

    m_accent = dashboardcolors::neutralAccent(palette());
    applyPalette();
}

void BarChartCard::setBars(const QStringList &categories, const QList<qreal> &values)
{
    if (categories == m_categories && values == m_values && !m_chart->series().isEmpty())
        return;
    m_categories = categories;
    m_values = values;
    rebuild();
}

void BarChartCard::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

void BarChartCard::setAccent(const QColor &accent)
{
    m_accent = accent;
    rebuild();
}

void BarChartCard::setFooter(const QString &text)
{
    m_footer->setText(text);
    m_footer->setVisible(!text.isEmpty());
}

bool BarChartCard::showsEmptyText() const
{
    return m_stack->currentWidget() == m_empty;
}

void BarChartCard::rebuild()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const bool empty = std::all_of(m_values.cbegin(), m_values.cend(), [](qreal v) { return v == 0; });
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_view);
    if (empty)
        return;

    // A horizontal series draws its first category at the bottom: reverse so the first is on top.
    QStringList categories = m_categories;
    QList<qreal> values = m_values;
    if (m_orientation == Qt::Horizontal) {
        std::reverse(categories.begin(), categories.end());
        std::reverse(values.begin(), values.end());
    }
    auto *set = new QBarSet(m_title->text());
    set->append(values);
    QAbstractBarSeries *series = m_orientation == Qt::Horizontal ? static_cast<QAbstractBarSeries *>(new QHorizontalBarSeries)
                                                                 : new QBarSeries;
    series->append(set);
    series->setBarWidth(m_orientation == Qt::Horizontal ? 0.62 : 0.78);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsPrecision(12);
    m_chart->addSeries(series);

    // Axis labels are rich text: "< 1 s" would be read as a tag.
    auto *categoryAxis = new QBarCategoryAxis;
    for (const QString &c : categories)
        categoryAxis->append(c.toHtmlEscaped());
    auto *valueAxis = new QValueAxis;
    const qreal max = niceMaximum(*std::max_element(values.cbegin(), values.cend()));
    valueAxis->setRange(0, max);
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    valueAxis->setTickType(QValueAxis::TicksDynamic);
    valueAxis->setTickAnchor(0);
    valueAxis->setTickInterval(tickInterval(max));
    const bool horizontal = m_orientation == Qt::Horizontal;
    m_chart->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    m_chart->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    applyPalette();
}

void BarChartCard::applyPalette()
{
    const QPalette pal = palette();
    QPalette onCard = pal;
    onCard.setColor(QPalette::WindowText, pal.color(QPalette::Text));
    m_title->setPalette(onCard);
    QPalette secondary = pal;
    secondary.setColor(QPalette::WindowText, dashboardcolors::secondaryText(pal));
    m_empty->setPalette(secondary);
    m_footer->setPalette(secondary);

    const QColor text = pal.color(QPalette::Text);
    const QColor grid = dashboardcolors::gridLine(pal);
    m_view->setBackgroundBrush(dashboardcolors::cardBackground(pal));
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsBrush(text);
        axis->setLabelsFont(font());
        axis->setLinePen(QPen(grid, 1));
        axis->setGridLinePen(QPen(grid, 1));
        axis->setShadesVisible(false);
        if (qobject_cast<QBarCategoryAxis *>(axis))
            axis->setGridLineVisible(false);
    }
    for (QAbstractSeries *s : m_chart->series()) {
        for (QBarSet *set : static_cast<QAbstractBarSeries *>(s)->barSets()) {
            set->setColor(m_accent);
            set->setBorderColor(m_accent);
            set->setLabelColor(text);
            set->setLabelFont(font());
        }
    }
}

void BarChartCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void BarChartCard::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.fillPath(path, dashboardcolors::cardBackground(palette()));
    p.setPen(QPen(dashboardcolors::cardBorder(palette()), 1));
    p.drawPath(path);
}

} // namespace oc
