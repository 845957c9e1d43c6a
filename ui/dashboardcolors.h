#pragma once

#include "provisioning/setupstate.h"

#include <QColor>
#include <QPalette>

namespace oc {

// Colours the dashboard derives from the palette, so it reads in light and dark themes alike. Accents are the
// only fixed hues (green, blue, orange, red), each in a dark-on-light and a light-on-dark variant; text, lines and
// backgrounds always come from palette roles.
namespace dashboardcolors {

bool isDark(const QPalette &palette);
// `a` over `b` with opacity `amount` (0…1).
QColor blend(const QColor &a, const QColor &b, double amount);

QColor stateAccent(SetupState state, const QPalette &palette);
QColor successAccent(const QPalette &palette);
QColor failureAccent(const QPalette &palette);
QColor neutralAccent(const QPalette &palette);

QColor cardBackground(const QPalette &palette);
QColor cardBorder(const QPalette &palette);
QColor secondaryText(const QPalette &palette);
QColor gridLine(const QPalette &palette);

} // namespace dashboardcolors

} // namespace oc
