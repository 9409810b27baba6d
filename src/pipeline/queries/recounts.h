#pragma once
// The statements behind the automatic recount (pipeline/recount.h): the first counts of the lines a
// request just recorded, the business's counters, and a recount task for one line — the line moved
// to it — written only while the session is ACTIVE and the line has none yet.
#include <string>

#include "pipeline/recount.h"
#include "query.h"
#include "request.h"

namespace core::pipeline {

// Per line of `entry_ids` (a JSON list) counted in its first round while the session is ACTIVE,
// with a snapshot line in a first-round task: item_id, sku, bin_id, bin, zone, batch_number,
// serial_number, counted (the round's entries summed), system (the latest entry's
// system_qty_at_count), counted_by (its counter), avg_cost_minor.
Statement first_count_lines(const std::string& business_id, const std::string& session_id, const json& entry_ids);
// The OPEN recount tasks whose line one of `entry_ids` just counted (id): done once counted
// (stock_count/queries/transition_writes.h tasks_transition_statement, kComplete).
Statement recounted_tasks(const std::string& business_id, const json& entry_ids);
// The names of the business's scanner tokens not revoked, by name.
Statement counter_names(const std::string& business_id);
// A recount task for each ask's line, and the line moved to it: two statements for up to 500 asks.
std::vector<Statement> recount_task_writes(const std::string& business_id, const std::string& session_id,
                                           const std::vector<RecountAsk>& asks, IdMaker& ids, const std::string& now);

}  // namespace core::pipeline
