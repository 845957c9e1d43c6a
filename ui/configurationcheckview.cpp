#include "configurationcheckview.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QVBoxLayout>

namespace oc {

namespace {

QString checkTitle(const QString &name)
{
    if (name == u"database")
        return ConfigurationCheckView::tr("Database");
    if (name == u"twilio")
        return ConfigurationCheckView::tr("Twilio");
    if (name == u"vapi")
        return ConfigurationCheckView::tr("VAPI");
    if (name == u"smtp")
        return ConfigurationCheckView::tr("SMTP");
    return name;
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText); // details come from servers: never interpret them as markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ConfigurationCheckView::ConfigurationCheckView(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Configuration test results"));
    m_summary = plainLabel(QString(), this);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // indeterminate: core reports no steps, only the end
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(m_summary->fontMetrics().height());
    m_busy->setAccessibleName(tr("Testing the configuration"));
    m_busy->hide();
    m_rows = new QWidget(this);
    m_grid = new QGridLayout(m_rows);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_busy);
    layout->addWidget(m_rows);
}

void ConfigurationCheckView::showRunning()
{
    m_running = true;
    clearRows();
    m_summary->setText(tr("Testing the configuration: database, Twilio, VAPI and SMTP…"));
    m_busy->show();
}

void ConfigurationCheckView::showResult(const QJsonObject &result)
{
    m_running = false;
    m_busy->hide();
    clearRows();

    const QJsonObject checks = result.value(QStringLiteral("checks")).toObject();
    // Core's order first (the order it runs them), anything new after it.
    QStringList names;
    for (const char *known : {"database", "twilio", "vapi", "smtp"}) {
        if (checks.contains(QLatin1String(known)))
            names.append(QLatin1String(known));
    }
    for (const QString &name : checks.keys()) {
        if (!names.contains(name))
            names.append(name);
    }
    int failed = 0;
    int row = 0;
    for (const QString &name : std::as_const(names)) {
        const QJsonObject check = checks.value(name).toObject();
        const bool ok = check.value(QStringLiteral("ok")).toBool();
        failed += ok ? 0 : 1;
        addRow(row++, ok, checkTitle(name), check.value(QStringLiteral("detail")).toString());
    }

    const QString error = result.value(QStringLiteral("error")).toString();
    if (!error.isEmpty() && names.isEmpty())
        m_summary->setText(tr("The test could not run: %1").arg(error));
    else if (names.isEmpty())
        m_summary->setText(tr("The test reported no checks."));
    else if (failed == 0)
        m_summary->setText(names.size() == 1 ? tr("The check passed.") : tr("All %1 checks passed.").arg(names.size()));
    else if (names.size() == 1)
        m_summary->setText(tr("The check failed. Fix the settings and test again."));
    else
        m_summary->setText(tr("%1 of %2 checks failed. Fix the settings below and test again.").arg(failed).arg(names.size()));
}

QStringList ConfigurationCheckView::lines() const
{
    return QStringList{m_summary->text()} + m_lines;
}

void ConfigurationCheckView::clearRows()
{
    m_lines.clear();
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void ConfigurationCheckView::addRow(int row, bool ok, const QString &name, const QString &detail)
{
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    auto *icon = new QLabel(m_rows);
    icon->setPixmap(style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical, nullptr, this)
                        .pixmap(size, size));
    const QString state = ok ? tr("ok") : tr("failed");
    icon->setAccessibleName(state);
    auto *title = plainLabel(QStringLiteral("%1: %2").arg(name, state), m_rows);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *text = plainLabel(detail, m_rows);
    m_grid->addWidget(icon, row, 0, Qt::AlignTop);
    m_grid->addWidget(title, row, 1, Qt::AlignTop);
    m_grid->addWidget(text, row, 2, Qt::AlignTop);
    m_lines.append(QStringLiteral("%1: %2 — %3").arg(name, state, detail));
}

} // namespace oc
