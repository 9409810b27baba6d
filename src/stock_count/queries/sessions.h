#pragma once
// The statements of the stock-count routes around a session (routes/stock_count_*.cc): its
// creation, the reads of GET, scopes, tasks, the snapshot's own reads and guards, and the
// listings. Row shapes: store.h (session_json, task_json, entry_json).
#include <optional>
#include <string>

#include "business_scope.h"
#include "queries/listing.h"
#include "query.h"
#include "turn.h"

namespace core::stock_count {

// A DRAFT session of `location` (nothing when the location is not the business's).
Statement session_insert(const std::string& business_id, const std::string& id, const std::string& location,
                         const std::string& type, const std::string& name, const std::string& created_by,
                         const std::string& now);
// A FULL count's one scope: the whole location.
Statement full_scope_insert(const std::string& business_id, const std::string& scope_id,
                            const std::string& session_id, const std::string& now);

// GET /stock-count/sessions/{id}: the session, its scopes, its tasks by status (status, n),
// its snapshot's size (lines, quantity) and its entries (n).
struct SessionReads {
  Batch batch;
  Read<json> session, scopes, tasks_by_status, snapshot, entries;
};
SessionReads session_reads(const BusinessScope& business, const std::string& session_id);

// Fails the batch unless session ?2 of business ?3 is still DRAFT.
Statement still_draft(const std::string& business_id, const std::string& session_id);
Statement scope_insert(const std::string& business_id, const std::string& scope_id, const std::string& session_id,
                       const std::string& kind, const json& value, const std::string& now);
// The scope of `kind` and `value` ("" for none) as stored.
Statement scope_named(const std::string& session_id, const std::string& kind, const std::string& value);
Statement scope_of_session(const BusinessScope& business, const std::string& scope_id, const std::string& session_id);
Statement scope_delete(const std::string& business_id, const std::string& scope_id, const std::string& session_id);

Statement load_task(const BusinessScope& business, const std::string& task_id);
// The session's DRAFT tasks, gone (regenerating never leaves two sets).
Statement draft_tasks_delete(const std::string& business_id, const std::string& session_id);
Statement session_tasks(const std::string& business_id, const std::string& session_id);
// The session's tasks as the snapshot assigns lines to them (id, name, strategy, zone_code, …).
Statement snapshot_tasks(const std::string& biz_sql, const std::string& bound, const std::string& session_id);
Statement snapshot_delete(const std::string& business_id, const std::string& session_id);
// Fails the batch once session ?2 holds an entry or is no longer ACTIVE.
Statement nothing_counted_yet(const std::string& session_id);
// "status = ACTIVE AND no entry": what a retaken snapshot's pages need of the session row.
std::string still_uncounted_sql();
// SELECT n: the session's snapshot lines.
Statement snapshot_size(const std::string& business_id, const std::string& session_id);

// Task generation walks the location's stock a page at a time (item_pages.h, cursor bound):
// each batch reads the page's bounds and its stock lines; the first also the session, its
// scopes and the walk's size (count_sql).
struct StockWalkReads {
  Batch batch;
  std::optional<Read<json>> session, scopes, size;
  Read<json> bounds, lines;
  static constexpr size_t kStatementsPerPage = 2;  // bounds, lines
};
StockWalkReads stock_walk_reads(const BusinessScope& business, const std::string& session_id,
                                const std::string& cursor, int64_t lines, bool first);

Listing sessions_listing();
Listing snapshot_listing(const Statement& parent, const std::string& session_id);
Listing tasks_listing();
Listing entries_listing();

}  // namespace core::stock_count
