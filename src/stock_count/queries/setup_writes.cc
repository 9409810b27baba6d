#include "stock_count/queries/setup_writes.h"

#include "stock_count/queries/store.h"

namespace core::stock_count {

TaskInserts task_inserts(const std::string& business_id, const std::string& session_id,
                         const std::vector<TaskPlan>& tasks, std::string_view status, const std::string& now,
                         IdMaker& ids) {
  TaskInserts out;
  json rows = json::array();
  for (const auto& t : tasks) {
    out.task_ids.push_back(ids.next("tsk"));
    rows.push_back(json::array({out.task_ids.back(), t.name, t.strategy, text_or_null(t.zone_code),
                                text_or_null(t.bin_code), text_or_null(t.category), text_or_null(t.assignee)}));
  }
  out.statements = bulk_insert(
      "INSERT INTO stock_count_task (id, business_id, session_id, name, strategy, zone_code, bin_code, category, "
      "assignee, status, count_index, created_at, updated_at)",
      "json_extract(value, '$[0]'), ?1, ?2, json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
      "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
      "json_extract(value, '$[6]'), ?3, 1, ?4, ?4",
      rows, json::array({business_id, session_id, std::string(status), now}));
  return out;
}

std::vector<Statement> snapshot_inserts(const std::string& business_id, const std::string& session_id,
                                        const std::vector<SnapshotLine>& lines,
                                        const std::vector<std::string>& task_ids, const std::string& now,
                                        IdMaker& ids) {
  json rows = json::array();
  for (const auto& s : lines) {
    rows.push_back(json::array({ids.next("snp"),
                                s.task_index >= 0 ? json(task_ids[static_cast<size_t>(s.task_index)]) : json(),
                                s.line.item_id, text_or_null(s.line.bin_id), text_or_null(s.line.batch_number),
                                text_or_null(s.line.serial_number), s.kind, s.line.quantity}));
  }
  return bulk_insert(
      "INSERT INTO stock_count_snapshot (id, business_id, session_id, task_id, item_id, location_id, bin_id, "
      "batch_number, serial_number, kind, quantity, taken_at)",
      "json_extract(value, '$[0]'), ?1, ?2, json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
      "(SELECT location_id FROM stock_count_session WHERE id = ?2), json_extract(value, '$[3]'), "
      "json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), "
      "json_extract(value, '$[7]'), ?3",
      rows, json::array({business_id, session_id, now}));
}

}  // namespace core::stock_count
