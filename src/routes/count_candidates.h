#pragma once
// Counts triggered by stock (src/pipeline/count_candidates.h):
//   GET  /api/count-candidates?location_id=  (approver) the items whose on-hand cannot be right, with why
//   POST /api/count-candidates/open { location_id }  (approver) a CYCLE session of the location's
//        candidates, opened ACTIVE (source "trigger"); 200 with no session when there are none.
// The weekly tick calls the same route for each location after its zone (src/scheduled.cc).
#include "request.h"

namespace core::routes {

json list_count_candidates(const Ctx& ctx);
json open_count_candidates(const Ctx& ctx);

}  // namespace core::routes
