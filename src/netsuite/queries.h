#pragma once
// The drain's statements (DESIGN.md "The outbox and the push"), whole and named, each with
// the rows it returns (query.h).
#include <string>

#include "netsuite/lease.h"
#include "query.h"

namespace core::netsuite {

// A round's first reads: the business's connection (its row as stored: sealed secrets and
// all) and the outbox rows that may be due, oldest due first, at most `limit`.
struct ScanReads {
  Batch batch;
  Read<json> connection;
  Read<OutboxRow> pending;
};
ScanReads scan_reads(const std::string& business_id, size_t limit);

// A claim: the rows the scan saw move to in_flight under `owner` until `lease_until`, each only
// while it is as the scan saw it ([id, status, lease_owner, updated_at] in `seen`); then what the
// owner holds — the pushes with their adjustment, and their ledger lines.
struct ClaimBatch {
  Batch batch;
  Read<json> claimed;  // id, adjustment_id, external_id, payload, attempts, location_id, session_id, …
  Read<json> lines;    // adjustment_id, item_id, sku, location_id, bin_id, bin_code, lot, serial, quantity_change
};
ClaimBatch claim_batch(const std::string& business_id, const std::string& owner, const std::string& now,
                       const json& seen, const std::string& lease_until);

}  // namespace core::netsuite
