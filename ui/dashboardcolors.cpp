#include "dashboardcolors.h"

namespace oc::dashboardcolors {

namespace {

QColor pick(const QPalette &palette, const char *onLight, const char *onDark)
{
    return QColor::fromString(QLatin1String(isDark(palette) ? onDark : onLight));
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor blend(const QColor &a, const QColor &b, double amount)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() * amount + y.redF() * (1 - amount)),
                            float(x.greenF() * amount + y.greenF() * (1 - amount)),
                            float(x.blueF() * amount + y.blueF() * (1 - amount)));
}

QColor stateAccent(SetupState state, const QPalette &palette)
{
    switch (state) {
    case SetupState::Active: return successAccent(palette);
    case SetupState::Provisioning: return pick(palette, "#1565c0", "#64b5f6");
    case SetupState::NeedsAttention: return pick(palette, "#d35400", "#ffb74d");
    case SetupState::Failed: return failureAccent(palette);
    case SetupState::None: return neutralAccent(palette);
    }
    return neutralAccent(palette);
}

QColor successAccent(const QPalette &palette)
{
    return pick(palette, "#2e7d32", "#66bb6a");
}

QColor failureAccent(const QPalette &palette)
{
    return pick(palette, "#c62828", "#ef6c6c");
}

QColor neutralAccent(const QPalette &palette)
{
    return blend(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.45);
}

QColor cardBackground(const QPalette &palette)
{
    return palette.color(QPalette::Base);
}

QColor cardBorder(const QPalette &palette)
{
    return blend(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.16);
}

QColor secondaryText(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.68);
}

QColor gridLine(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.14);
}

} // namespace oc::dashboardcolors
