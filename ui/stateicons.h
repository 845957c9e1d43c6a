#pragma once

#include "console/liverun.h"
#include "domain/organization.h"
#include "pipeline/stepevent.h"
#include "provisioning/setupstate.h"

#include <QColor>
#include <QIcon>

namespace oc::ui {

// Small round state badges drawn in code (no icon theme needed): a glyph on a colour that reads on light and
// dark palettes alike.
QIcon stateIcon(pipeline::StepState state);
QIcon outcomeIcon(LiveRun::Outcome outcome);
QString stepStateTitle(pipeline::StepState state);
QIcon setupStateIcon(SetupState state);
QString setupStateTitle(SetupState state);
// An organization's status as the console shows it (statusName() is the stored, untranslated value).
QString orgStatusTitle(OrgStatus status);

} // namespace oc::ui
