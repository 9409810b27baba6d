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
  Read<json> lines;  // item_id, sku, name, bin_id, bin, walk_seq, batch_number, serial_number, counted (0/1)
  Read<json> found;  // sku, bin, batch_number, serial_number: counted at the task's bins, not its lines
};
WalkReads walk_reads(const BusinessScope& business, const std::string& task_id);

}  // namespace core::stock_count
