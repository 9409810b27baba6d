#pragma once
// The outbox's statements (DESIGN.md "The outbox and the push"), whole and named, each with
// the rows it returns (query.h): the row booking adds, and the drain's scan and claim.
#include <string>

#include "netsuite/lease.h"
#include "query.h"
#include "stock_count/posting.h"
#include "stock_count/queries/posting_writes.h"

namespace core::netsuite {

// The outbox row of one booked adjustment: ns_pending_pushes with the NetSuite record as far as
// booking knows it (payload.h: inventoryAdjustment, or binTransfer for a TRANSFER), kept under the
// external id "cc-" + the adjustment's idempotency key. It commits in the batch that books the
// adjustment (pipeline/booking.h); PushMutexDO drains it later.
Statement outbox_row(const stock_count::AdjustmentOrigin& origin, const std::string& push_id,
                     const std::string& adjustment_id, const stock_count::PlannedAdjustment& adjustment);

// A round's first reads: the business's connection (its row as stored: sealed secrets and
// all) and the outbox rows that may be due, oldest due first, at most `limit`.
struct ScanReads {
  Batch batch;
  Read<json> connection;
  Read<OutboxRow> pending;
};
ScanReads scan_reads(const std::string& business_id, size_t limit);

// A claim: the rows the scan saw move to in_flight under `owner` until `lease_until`, each only
// while it is as the scan saw it (`seen`: its id, status, lease owner and update time); then what the
// owner holds — the pushes with their adjustment, and their ledger lines.
struct ClaimBatch {
  Batch batch;
  Read<json> claimed;  // id, adjustment_id, external_id, payload, attempts, location_id, session_id, …
  Read<json> lines;    // adjustment_id, item_id, sku, location_id, bin_id, bin_code, lot, serial, quantity_change
};
ClaimBatch claim_batch(const std::string& business_id, const std::string& owner, const std::string& now,
                       const std::vector<OutboxRow>& seen, const std::string& lease_until);

}  // namespace core::netsuite
