#pragma once
// Imports (DESIGN.md "Real data in"): POST /api/import/{locations|bins|items|balances} and
// GET /api/import/{kind}/template.csv (admin).
#include "request.h"

namespace core::routes {

json post_import(const Ctx& ctx);
json import_template(const Ctx& ctx);

}  // namespace core::routes
