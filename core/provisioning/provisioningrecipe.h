#pragma once

#include "pipeline/recipe.h"
#include "provisioning/provisioningcontext.h"

namespace oc {

// The seed's provisioning as a recipe (DESIGN §2.1):
//   search_number ─► buy_number ──────────────┐
//   create_inbound_assistant ─────────────────┼─► register_number ─┐
//   create_outbound_assistant ────────────────┴────────────────────┴─► save_config (pivot) ─► send_email
//                                                                                          └─► remove_duplicate_assistants
pipeline::Recipe provisioningRecipe(ProvisioningContext &context);

} // namespace oc
