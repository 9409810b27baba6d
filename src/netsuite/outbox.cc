#include "netsuite/outbox.h"

#include "netsuite/payload.h"

namespace core::netsuite {

std::string external_id_of(const stock_count::PlannedAdjustment& adjustment) {
  return "cc-" + adjustment.idempotency_key;
}

Statement outbox_row(const OutboxOrigin& origin, const std::string& push_id, const std::string& adjustment_id,
                     const stock_count::PlannedAdjustment& adjustment) {
  PostedAdjustment record{origin.ns_location_id, origin.memo, origin.now};
  json posted = record_type(adjustment.direction) == "binTransfer" ? transfer_body(record, adjustment.lines)
                                                                   : posted_body(record, adjustment.lines);
  return {"INSERT INTO ns_pending_pushes (id, business_id, adjustment_id, external_id, payload, status, "
          "attempts, next_attempt_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, ?6, ?6)",
          json::array({push_id, origin.business_id, adjustment_id, external_id_of(adjustment), posted.dump(), origin.now}),
          origin.business_id};
}

}  // namespace core::netsuite
