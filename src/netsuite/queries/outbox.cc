#include "netsuite/queries/outbox.h"

#include "netsuite/push_status.h"
#include "netsuite/connection.h"
#include "netsuite/payload.h"

namespace core::netsuite {

Statement outbox_row(const stock_count::AdjustmentOrigin& origin, const std::string& push_id,
                     const std::string& adjustment_id, const stock_count::PlannedAdjustment& adjustment) {
  PostedAdjustment record{origin.ns_location_id, origin.memo, origin.now};
  json posted = record_type(adjustment.direction) == "binTransfer" ? transfer_body(record, adjustment.lines)
                                                                   : posted_body(record, adjustment.lines);
  return {"INSERT INTO ns_pending_pushes (id, business_id, adjustment_id, external_id, payload, status, "
          "attempts, next_attempt_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " + status_sql(PushStatus::kPending) +
              ", 0, ?6, ?6, ?6)",
          json::array({push_id, origin.business_id, adjustment_id, "cc-" + adjustment.idempotency_key, posted.dump(),
                       origin.now}),
          origin.business_id};
}

ScanReads scan_reads(const std::string& business_id, size_t limit) {
  ScanReads out;
  out.connection = out.batch.add(
      {std::string("SELECT ") + kConnectionColumns + " FROM netsuite_connections WHERE business_id = ?1",
       json::array({business_id})});
  out.pending = out.batch.add<OutboxRow>(
      {"SELECT id, status, lease_owner, lease_until, next_attempt_at, updated_at FROM ns_pending_pushes "
       "WHERE business_id = ?1 AND status IN (" + status_sql(PushStatus::kPending) + ", " + status_sql(PushStatus::kInFlight) +
           ") ORDER BY CASE status WHEN " + status_sql(PushStatus::kPending) +
           " THEN next_attempt_at ELSE lease_until END, created_at, id "
       "LIMIT " + std::to_string(limit),
       json::array({business_id})});
  return out;
}

ClaimBatch claim_batch(const std::string& business_id, const std::string& owner, const std::string& now,
                       const std::vector<OutboxRow>& seen, const std::string& lease_until) {
  static const RowFields kSeen{"id", "status", "owner", "updated_at"};
  json rows = json::array();
  for (const auto& r : seen) {
    rows.push_back(kSeen.row({{"id", r.id}, {"status", r.status}, {"owner", r.lease_owner}, {"updated_at", r.updated_at}}));
  }
  ClaimBatch out;
  out.batch.add(
      {"UPDATE ns_pending_pushes AS p SET status = " + status_sql(PushStatus::kInFlight) + ", lease_owner = ?2, lease_until = ?5, updated_at = ?3 "
       "FROM (SELECT " + kSeen.select_list() + " FROM json_each(?4)) AS j "
       "WHERE p.id = j.id AND p.business_id = ?1 AND p.status = j.status AND COALESCE(p.lease_owner, '') = j.owner "
       "AND p.updated_at = j.updated_at",
       json::array({business_id, owner, now, rows.dump(), lease_until})});
  out.claimed = out.batch.add(
      {"SELECT p.id, p.adjustment_id, p.external_id, p.payload, p.attempts, a.location_id, a.session_id, "
       "a.proposed_action_id, a.direction, a.reason FROM ns_pending_pushes p "
       "JOIN inventory_adjustment a ON a.id = p.adjustment_id "
       "WHERE p.business_id = ?1 AND p.lease_owner = ?2 AND p.status = " + status_sql(PushStatus::kInFlight) +
           " ORDER BY p.created_at, p.id",
       json::array({business_id, owner})});
  out.lines = out.batch.add(
      {"SELECT l.ref_id AS adjustment_id, l.item_id, i.sku, l.location_id, l.bin_id, b.code AS bin_code, "
       "l.batch_number, l.serial_number, l.quantity_change FROM inventory_ledger l JOIN items i ON i.id = l.item_id "
       "LEFT JOIN bins b ON b.id = l.bin_id WHERE l.business_id = ?1 AND l.ref_type = 'inventory_adjustment' "
       "AND l.ref_id IN (SELECT adjustment_id FROM ns_pending_pushes WHERE business_id = ?1 AND lease_owner = ?2 "
       "AND status = " + status_sql(PushStatus::kInFlight) + ") ORDER BY l.ref_id, l.id",
       json::array({business_id, owner})});
  return out;
}

}  // namespace core::netsuite
