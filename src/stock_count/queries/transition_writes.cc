#include "stock_count/queries/transition_writes.h"

#include "write_guard.h"

namespace core::stock_count {

std::optional<std::vector<Statement>> session_transition_statements(const std::string& business_id,
                                                                    const json& session, SessionEvent event,
                                                                    const std::string& now,
                                                                    const std::string& extra_set, json extra_params) {
  auto from = session_status_from(string_or(session, "status", ""));
  if (!from) return std::nullopt;
  auto to = next_session_status(*from, event);
  if (!to) return std::nullopt;
  json params = json::array({std::string(session_status_name(*to)), now, string_or(session, "id", ""), business_id,
                             std::string(session_status_name(*from))});
  for (auto& p : extra_params) params.push_back(p);
  return std::vector<Statement>{{"UPDATE stock_count_session SET status = ?1, updated_at = ?2" + extra_set +
                                     " WHERE id = ?3 AND business_id = ?4 AND status = ?5",
                                 params},
                                guard_previous_changed("session status changed meanwhile")};
}

std::optional<std::vector<Statement>> task_transition_statements(const std::string& business_id, const json& task,
                                                                 TaskEvent event, const std::string& now) {
  auto from = task_status_from(string_or(task, "status", ""));
  if (!from) return std::nullopt;
  auto to = next_task_status(*from, event);
  if (!to) return std::nullopt;
  std::string count_bump = event == TaskEvent::kRecount ? ", count_index = count_index + 1" : "";
  return std::vector<Statement>{{"UPDATE stock_count_task SET status = ?1, updated_at = ?2" + count_bump +
                                     " WHERE id = ?3 AND business_id = ?4 AND status = ?5",
                                 json::array({std::string(task_status_name(*to)), now, string_or(task, "id", ""),
                                              business_id, std::string(task_status_name(*from))})},
                                guard_previous_changed("task status changed meanwhile")};
}

namespace {

// The statuses `event` moves tasks from (a JSON list) and the one it moves them to.
std::pair<json, std::string> bulk_task_move(TaskEvent event) {
  json from = json::array();
  std::string to;
  for (const auto& t : task_transitions()) {
    if (t.event != event) continue;
    from.push_back(std::string(task_status_name(t.from)));
    to = std::string(task_status_name(t.to));  // one target per bulk event (lifecycle-test holds it)
  }
  return {std::move(from), std::move(to)};
}

}  // namespace

Statement session_tasks_transition_statement(const std::string& business_id, const std::string& session_id,
                                             TaskEvent event, const std::string& now) {
  auto [from, to] = bulk_task_move(event);
  return {"UPDATE stock_count_task SET status = ?1, updated_at = ?2 WHERE session_id = ?3 AND business_id = ?4 "
          "AND status IN (SELECT value FROM json_each(?5))",
          json::array({to, now, session_id, business_id, from.dump()})};
}

Statement tasks_transition_statement(const std::string& business_id, const json& task_ids, TaskEvent event,
                                     const std::string& now) {
  auto [from, to] = bulk_task_move(event);
  return {"UPDATE stock_count_task SET status = ?1, updated_at = ?2 WHERE id IN (SELECT value FROM json_each(?3)) "
          "AND business_id = ?4 AND status IN (SELECT value FROM json_each(?5))",
          json::array({to, now, task_ids.dump(), business_id, from.dump()})};
}

}  // namespace core::stock_count
