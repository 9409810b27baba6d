#pragma once
// The rows that set a count up — tasks and snapshot lines — shared by the
// module's routes and the weekly schedule that opens a session by itself.
#include <string>
#include <vector>

#include "request.h"
#include "stock_count/lines.h"
#include "turn.h"

namespace core::stock_count {

struct TaskInserts {
  std::vector<Statement> statements;
  std::vector<std::string> task_ids;  // in the order of the plans
};

TaskInserts task_inserts(const std::string& business_id, const std::string& session_id,
                         const std::vector<TaskPlan>& tasks, std::string_view status, const std::string& now,
                         IdMaker& ids);

// Snapshot lines of a session whose row exists by the time these run (same batch is fine).
std::vector<Statement> snapshot_inserts(const std::string& business_id, const std::string& session_id,
                                        const std::vector<SnapshotLine>& lines,
                                        const std::vector<std::string>& task_ids, const std::string& now,
                                        IdMaker& ids);

}  // namespace core::stock_count
