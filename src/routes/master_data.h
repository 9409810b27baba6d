#pragma once
// Read-only master data of API.md: locations, items, balances.
#include "request.h"

namespace core::routes {

json list_locations(const Ctx& ctx);
json list_items(const Ctx& ctx);
json list_balances(const Ctx& ctx);

}  // namespace core::routes
