#pragma once
// A session's status change as one guarded statement pair, its target read
// from the lifecycle table (lifecycle.h): the one way any caller — a route or
// the Monday tick — moves a session (and a session's tasks, in bulk).
#include <optional>
#include <string>
#include <vector>

#include "stock_count/lifecycle.h"
#include "turn.h"

namespace core::stock_count {

// UPDATE … SET status = <table's target>, updated_at = now <extra_set> WHERE it is still <from>,
// then a guard that it changed. extra_set's parameters start at ?6 (?2 is now). nullopt when
// the table has no such transition from the session's status.
std::optional<std::vector<Statement>> session_transition_statements(const std::string& business_id,
                                                                    const json& session, SessionEvent event,
                                                                    const std::string& now,
                                                                    const std::string& extra_set = "",
                                                                    json extra_params = json::array());

// One task's move by `event` (UPDATE … WHERE it is still its status, then a guard that it
// changed); a recount also starts the task's next count (count_index + 1). nullopt when the
// table has no such transition from the task's status.
std::optional<std::vector<Statement>> task_transition_statements(const std::string& business_id, const json& task,
                                                                 TaskEvent event, const std::string& now);

// Every task of a session that `event` moves, moved to the table's target (UPDATE … WHERE
// status IN the table's sources for it). The event must lead to one status (kOpen: DRAFT → OPEN).
Statement session_tasks_transition_statement(const std::string& business_id, const std::string& session_id,
                                             TaskEvent event, const std::string& now);

// The tasks of `task_ids` (a JSON list) that `event` moves, moved to the table's target.
Statement tasks_transition_statement(const std::string& business_id, const json& task_ids, TaskEvent event,
                                     const std::string& now);

}  // namespace core::stock_count
