#include "stock_count/queries/setup_writes.h"

#include "stock_count/queries/store.h"

namespace core::stock_count {

namespace {

const BulkInsert kTasks{"stock_count_task",
                        {{"business_id", "?1"}, {"session_id", "?2"}, {"status", "?3"}, {"count_index", "1"},
                         {"created_at", "?4"}, {"updated_at", "?4"}},
                        {"id", "name", "strategy", "zone_code", "bin_code", "category", "assignee"}};

const BulkInsert kSnapshotLines{
    "stock_count_snapshot",
    {{"business_id", "?1"}, {"session_id", "?2"}, {"location_id", "(SELECT location_id FROM stock_count_session WHERE id = ?2)"},
     {"taken_at", "?3"}},
    {"id", "task_id", "item_id", "bin_id", "batch_number", "serial_number", "kind", "quantity"}};

}  // namespace

TaskInserts task_inserts(const std::string& business_id, const std::string& session_id,
                         const std::vector<TaskPlan>& tasks, std::string_view status, const std::string& now,
                         IdMaker& ids) {
  TaskInserts out;
  json rows = json::array();
  for (const auto& t : tasks) {
    out.task_ids.push_back(ids.next("tsk"));
    rows.push_back(kTasks.fields.row({{"id", out.task_ids.back()}, {"name", t.name}, {"strategy", t.strategy},
                                      {"zone_code", text_or_null(t.zone_code)}, {"bin_code", text_or_null(t.bin_code)},
                                      {"category", text_or_null(t.category)}, {"assignee", text_or_null(t.assignee)}}));
  }
  out.statements = kTasks.statements(std::move(rows), json::array({business_id, session_id, std::string(status), now}));
  return out;
}

std::vector<Statement> snapshot_inserts(const std::string& business_id, const std::string& session_id,
                                        const std::vector<SnapshotLine>& lines,
                                        const std::vector<std::string>& task_ids, const std::string& now,
                                        IdMaker& ids) {
  json rows = json::array();
  for (const auto& s : lines) {
    rows.push_back(kSnapshotLines.fields.row(
        {{"id", ids.next("snp")},
         {"task_id", s.task_index >= 0 ? json(task_ids[static_cast<size_t>(s.task_index)]) : json()},
         {"item_id", s.line.item_id}, {"bin_id", text_or_null(s.line.bin_id)},
         {"batch_number", text_or_null(s.line.batch_number)}, {"serial_number", text_or_null(s.line.serial_number)},
         {"kind", s.kind}, {"quantity", s.line.quantity}}));
  }
  return kSnapshotLines.statements(std::move(rows), json::array({business_id, session_id, now}));
}

}  // namespace core::stock_count
