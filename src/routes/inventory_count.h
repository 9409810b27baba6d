#pragma once
// POST /api/inventory/count: the scanners' ingest (API.md "Pipeline endpoints").
// Rows address stock by sku (or item_id) and bin; without a session_id they go
// to the location's ACTIVE session that covers them (pipeline/count_routing.h).
// Entries carry system_qty_at_count, retried rows dedupe on client_entry_id,
// and one bad row rejects the request with every bad row listed by index.
#include "request.h"

namespace core::routes {

json post_inventory_counts(const Ctx& ctx);

}  // namespace core::routes
