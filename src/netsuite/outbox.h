#pragma once
// The outbox row of one booked adjustment (DESIGN.md "The outbox and the push"):
// ns_pending_pushes with the NetSuite record as far as booking knows it
// (payload.h: inventoryAdjustment, or binTransfer for a TRANSFER). It commits in
// the batch that books the adjustment; PushMutexDO drains it later.
#include <string>

#include "stock_count/posting.h"
#include "turn.h"

namespace core::netsuite {

struct OutboxOrigin {
  std::string business_id;
  std::string ns_location_id;
  std::string memo;  // shown on the NetSuite record
  std::string now;
};

// The external id NetSuite keeps the record under: "cc-" + the adjustment's idempotency key.
std::string external_id_of(const stock_count::PlannedAdjustment& adjustment);

Statement outbox_row(const OutboxOrigin& origin, const std::string& push_id, const std::string& adjustment_id,
                     const stock_count::PlannedAdjustment& adjustment);

}  // namespace core::netsuite
