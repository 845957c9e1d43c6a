#pragma once

#include "pipeline/recipe.h"
#include "provisioning/provisioningcontext.h"

namespace oc {

// The seed's provisioning as a recipe (DESIGN §2.1):
//   search_number ─► buy_number ──────────────┐
//   create_inbound_assistant ─────────────────┼─► register_number ─┐
//   create_outbound_assistant ────────────────┴────────────────────┴─► save_config (pivot) ─► send_email
//                                                                                          ├─► remove_duplicate_assistants
//                                                                                          └─► remove_duplicate_registrations
pipeline::Recipe provisioningRecipe(ProvisioningContext &context);

// A step title of that recipe ("Buy the phone number") in the UI language; other text comes back as is.
// The recipe keeps English titles: they are data (journal, orgctl), translated only where shown.
QString provisioningStepTitle(const QString &title);

} // namespace oc
