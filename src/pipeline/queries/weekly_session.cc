#include "pipeline/queries/weekly_session.h"

#include "stock_count/lines.h"
#include "stock_count/queries/setup_writes.h"
#include "stock_count/queries/store.h"
#include "stock_count/lifecycle.h"

namespace core::pipeline {

using namespace stock_count;

Statement zone_stock_lines(const WeeklyOpening& o) {
  return {kStockLineSelect + "WHERE d.business_id = ?1 AND d.location_id = ?2 AND b.zone_id = ?3",
          json::array({o.business_id, o.location_id, o.zone_id})};
}

OpenedSession open_weekly_session(const WeeklyOpening& o, const json& zone_line_rows, IdMaker& ids) {
  return open_active_session({.business_id = o.business_id, .location_id = o.location_id,
                              .name = "Weekly count " + o.location_code + " zone " + o.zone_code + " (" + o.week_key + ")",
                              .source = "cron", .week_key = o.week_key, .zone_id = o.zone_id,
                              .created_by = "weekly schedule", .now = o.now, .rules = {{"zone", o.zone_code}}},
                             zone_line_rows, ids);
}

OpenedSession open_active_session(const ActiveOpening& o, const json& line_rows, IdMaker& ids) {
  OpenedSession out;
  out.session_id = ids.next("ses");
  auto lines = stock_lines_from_rows(line_rows);
  std::erase_if(lines, [&o](const StockLine& l) { return !in_scope(o.rules, l); });
  // An empty zone is still counted: stock found there is exactly what a count is for.
  auto generation = generate_tasks("by_zone_bin", o.rules, lines, json::array());
  auto snapshot = build_snapshot(o.rules, lines, {}, generation.tasks);
  out.tasks = generation.tasks.size();
  out.snapshot_lines = snapshot.size();
  out.statements = {
      {"INSERT INTO stock_count_session (id, business_id, location_id, type, status, name, source, week_key, zone_id, "
       "trigger_reason, created_by, created_at, started_at, updated_at) "
       "VALUES (?1, ?2, ?3, 'CYCLE', " + stock_count::status_sql(stock_count::SessionStatus::kActive) +
           ", ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10)",
       json::array({out.session_id, o.business_id, o.location_id, o.name, o.source, o.week_key, o.zone_id,
                    o.trigger_reason, o.created_by, o.now})}};
  for (const auto& rule : o.rules) {
    out.statements.push_back(
        {"INSERT INTO stock_count_scope (id, business_id, session_id, kind, value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
         json::array({ids.next("scp"), o.business_id, out.session_id, rule.kind, rule.value, o.now})});
  }
  auto tasks = task_inserts(o.business_id, out.session_id, generation.tasks,
                            std::string(stock_count::task_status_name(stock_count::TaskStatus::kOpen)), o.now, ids);
  out.statements.insert(out.statements.end(), tasks.statements.begin(), tasks.statements.end());
  auto snap = snapshot_inserts(o.business_id, out.session_id, snapshot, tasks.task_ids, o.now, ids);
  out.statements.insert(out.statements.end(), snap.begin(), snap.end());
  return out;
}

}  // namespace core::pipeline
