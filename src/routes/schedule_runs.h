#pragma once
// The week's count, location by location, as the weekly tick left it (schedule_runs):
//   GET /api/schedule/runs?week=2026-W49  (default: this week) → the tick, totals, each location
#include "request.h"

namespace core::routes {

json list_schedule_runs(const Ctx& ctx);
// POST /api/schedule/runs/:location_id/retry?week= (admin): a failed location queued again, and
// its message sent to the weekly-count queue (without the queue, the week's next tick takes it).
json retry_schedule_run(const Ctx& ctx);

}  // namespace core::routes
