#pragma once
// A counter's walk through a task (GET /stock-count/tasks/{id}/walk; DESIGN.md "Scanning"): the
// task's lines in walk order — the location's bin sequence (bins.walk_seq), else bin code — each
// with whether a count of the task's round holds it yet, and the counts of the session at the
// task's bins that match no line of it (found). Never a quantity: the walk is blind by design.
#include <string>

#include "business_scope.h"
#include "query.h"

namespace core::stock_count {

struct WalkReads {
  Batch batch;
  Read<json> task;   // the task (load_task)
  Read<json> lines;  // snapshot_id, item_id, sku, name, bin_id, bin, walk_seq, batch_number, serial_number, counted (0/1)
  Read<json> found;  // sku, bin, batch_number, serial_number: counted at the task's bins, not its lines
};
WalkReads walk_reads(const BusinessScope& business, const std::string& task_id);

// POST /stock-count/tasks/{id}/uncounted: a new task — OPEN, the next count index (a recount
// task), for `assignee` (or nobody) — takes the task's lines that are still not counted (the
// snapshot rows `snapshot_ids`), while the session is ACTIVE; then the new task (load_task).
struct UncountedMove {
  std::string business_id, session_id, from_task, new_task, name, assignee, now;
  json snapshot_ids;  // JSON list
};
struct UncountedWrites {
  Batch batch;
  Read<json> task;
};
UncountedWrites uncounted_to_task(const UncountedMove& move);

}  // namespace core::stock_count
