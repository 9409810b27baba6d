#pragma once
// NetSuite's stock read into the mirror (DESIGN.md "Real data in"): GET /api/netsuite/sync (the
// runs, the mirror's age) and POST /api/netsuite/sync (a run now; { "full": true } for all of it).
#include "request.h"

namespace core::routes {

json get_netsuite_sync(const Ctx& ctx);
json post_netsuite_sync(const Ctx& ctx);

}  // namespace core::routes
