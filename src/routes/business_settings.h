#pragma once
// GET|PUT /api/settings (admin): what a business's admin chooses for it — today the rule that
// names a bin's zone from its code (zone_pattern; src/import/zone_rule.h).
#include "request.h"

namespace core::routes {

json get_settings(const Ctx& ctx);
json put_settings(const Ctx& ctx);

}  // namespace core::routes
