#pragma once
// The zone rotation of a location, editable by an admin:
//   GET /api/cycle-count-schedule?location_id=   → rotation, last counted zone, next zone
//   PUT /api/cycle-count-schedule { location_id, rotation: [ { zone (code or id), active? } ] }
#include "request.h"

namespace core::routes {

json get_schedule(const Ctx& ctx);
json put_schedule(const Ctx& ctx);

}  // namespace core::routes
