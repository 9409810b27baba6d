#pragma once
// The sync's statements (DESIGN.md "Real data in"): its run row, what NetSuite's rows become here,
// and what a page of on-hand needs to know first.
#include <string>
#include <vector>

#include "business_scope.h"
#include "query.h"
#include "turn.h"

namespace core::netsuite {

inline constexpr const char* kSyncRunColumns =
    "id, kind, status, requested_by, since, stage, cursor, stats, pages, attempts, next_attempt_at, last_error, "
    "queued_at, started_at, finished_at, updated_at";

// A sync turn's first reads: the connection, the open run (queued or running), the latest
// finished run, and of the done ones: when the latest full one finished (full_at) and when the
// latest began (since_next: the next incremental run reads changes from then).
struct SyncReads {
  Batch batch;
  Read<json> connection;
  Read<json> open_run;
  Read<json> last_finished;
  Read<json> done_runs;
};
SyncReads sync_reads(const BusinessScope& business);

// A run queued unless one is open already (ns_sync_runs_open), then the open run read back.
struct RunQueue {
  Batch batch;
  Read<json> open_run;
};
// `stats`: the run's first stats (the items a previous run left for their pushes: "carried").
RunQueue run_queue(const BusinessScope& business, const std::string& id, const std::string& kind,
                   const std::string& requested_by, const std::string& since, const std::string& now,
                   const std::string& stats);

// What GET /api/netsuite/sync shows: the open run, the latest finished and the latest done.
struct SyncStatusReads {
  Batch batch;
  Read<json> connection;
  Read<json> open_run;
  Read<json> last_finished;
  Read<json> last_done;
};
SyncStatusReads sync_status_reads(const BusinessScope& business);

// Across businesses, for /health: how many follow NetSuite and whose latest finished run failed,
// and whose last done run finished before `stale_before` (the mirror older than two intervals).
Statement sync_health(const std::string& stale_before);

// SQL for when the mirror a figure was read from was last set by NetSuite: the end of the
// business's latest done run at or before `at` (both SQL expressions); NULL for a business that
// does not follow NetSuite. Served by ns_sync_runs_done (migration 0012).
std::string mirror_as_of_sql(const std::string& business, const std::string& at);

// A full run's next items (NetSuite ids, in id order) after `after`, at most `limit`.
struct ItemList {
  Batch batch;
  Read<json> ids;  // ns_item_id
};
ItemList item_list(const std::string& business_id, const std::string& after, size_t limit);

// The run's move to its next page, only from where it was read (`phase`, `cursor`), else the
// batch fails: a page is written once.
std::vector<Statement> run_advance(const std::string& business_id, const std::string& run_id, const std::string& seen_phase,
                                   const std::string& seen_cursor, const std::string& phase, const std::string& cursor,
                                   const json& stats, bool finished, const std::string& now);
// A page that failed: retried at next_attempt_at, or (failed) the run ends with the error.
Statement run_setback(const std::string& business_id, const std::string& run_id, int64_t attempts,
                      const std::string& next_attempt_at, const std::string& error, bool failed, const std::string& now);

// Locations (ns_id, name, active): matched by ns_location_id, else linked by code (the name).
extern const RowFields kNsLocationFields;
std::vector<Statement> ns_location_upserts(const std::string& business_id, json rows);

// Items (ns_item_id, sku, name, category, avg_cost_minor, tracking, active): matched by
// ns_item_id, else linked by sku; brand is kept.
extern const RowFields kNsItemFields;
std::vector<Statement> ns_item_upserts(const std::string& business_id, json rows);

// What a page of bins needs: the locations (by ns id) and their zones; the bins by ns id.
struct BinPageReads {
  Batch batch;
  Read<json> locations;  // id, ns_location_id
  Read<json> zones;      // id, location_id, code
  Read<json> bins;       // id, location_id, code, ns_bin_id
  Read<json> settings;   // the business's settings (the zone rule)
};
BinPageReads bin_page_reads(const std::string& business_id, const json& ns_location_ids);

// What a page of on-hand needs: our items, locations and bins by NetSuite id, the placements and
// balances the page's items have here, and which of them wait for a push (pending or in flight).
struct BalancePageReads {
  Batch batch;
  Read<json> items;       // id, ns_item_id, tracking
  Read<json> locations;   // id, ns_location_id
  Read<json> bins;        // id, ns_bin_id
  Read<json> placements;  // item_id, location_id, bin_id, batch_number, serial_number
  Read<json> balances;    // item_id, location_id
  Read<json> busy;        // item_id
};
BalancePageReads balance_page_reads(const std::string& business_id, const json& ns_item_ids, const json& ns_location_ids,
                                    const json& ns_bin_ids);
// The mirror's age: these items' balances were set from NetSuite now.
Statement balances_synced(const std::string& business_id, const json& item_ids, const std::string& now);

}  // namespace core::netsuite
