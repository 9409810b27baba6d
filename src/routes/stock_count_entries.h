#pragma once
// /stock-count/entries: counts entered against an ACTIVE session, in bulk.
#include "request.h"

namespace core::routes {

json submit_entries(const Ctx& ctx);
json list_entries(const Ctx& ctx);
json get_entry(const Ctx& ctx);
json update_entry(const Ctx& ctx);

}  // namespace core::routes
