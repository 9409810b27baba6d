#include "pipeline/queries/recounts.h"

#include "stock_count/lifecycle.h"

namespace core::pipeline {

namespace {

// `a` and `b` (table aliases) name the same line: item, bin, lot and serial.
std::string same_line(const std::string& a, const std::string& b) {
  return a + ".item_id = " + b + ".item_id AND COALESCE(" + a + ".bin_id, '') = COALESCE(" + b + ".bin_id, '') AND COALESCE(" +
         a + ".batch_number, '') = COALESCE(" + b + ".batch_number, '') AND COALESCE(" + a + ".serial_number, '') = COALESCE(" +
         b + ".serial_number, '')";
}

std::string session_active(const std::string& session) {
  return "EXISTS (SELECT 1 FROM stock_count_session s WHERE s.id = " + session + " AND s.status = " +
         stock_count::status_sql(stock_count::SessionStatus::kActive) + " AND s.run_kind IS NULL)";
}

}  // namespace

Statement first_count_lines(const std::string& business_id, const std::string& session_id, const json& entry_ids) {
  const std::string round_one = "FROM stock_count_entry e WHERE e.session_id = ?1 AND " + same_line("e", "m") + " AND e.count_index = 1";
  // The entries by their ids (+: not by the session's or business's index, which would walk them all).
  return {"WITH m AS (SELECT DISTINCT item_id, bin_id, batch_number, serial_number FROM stock_count_entry "
          "WHERE id IN (SELECT value FROM json_each(?3)) AND +session_id = ?1 AND +business_id = ?2 AND count_index = 1) "
          "SELECT m.item_id, i.sku, m.bin_id, b.code AS bin, z.code AS zone, m.batch_number, m.serial_number, i.avg_cost_minor, "
          "(SELECT SUM(e.counted_qty) " + round_one + ") AS counted, "
          "(SELECT e.system_qty_at_count " + round_one + " ORDER BY e.counted_at DESC, e.id DESC LIMIT 1) AS system, "
          "(SELECT e.counted_by " + round_one + " ORDER BY e.counted_at DESC, e.id DESC LIMIT 1) AS counted_by "
          "FROM m JOIN items i ON i.id = m.item_id LEFT JOIN bins b ON b.id = m.bin_id LEFT JOIN zones z ON z.id = b.zone_id "
          "WHERE " + session_active("?1") + " AND EXISTS (SELECT 1 FROM stock_count_snapshot n JOIN stock_count_task k "
          "ON k.id = n.task_id WHERE n.session_id = ?1 AND " + same_line("n", "m") + " AND k.count_index = 1)",
          json::array({session_id, business_id, entry_ids.dump()})};
}

Statement recounted_tasks(const std::string& business_id, const json& entry_ids) {
  return {"SELECT DISTINCT k.id FROM stock_count_entry e JOIN stock_count_task k ON k.id = e.task_id "
          "WHERE e.id IN (SELECT value FROM json_each(?2)) AND +e.business_id = ?1 AND k.count_index > 1 "
          "AND k.strategy = 'by_assignee' AND k.status = " + stock_count::status_sql(stock_count::TaskStatus::kOpen),
          json::array({business_id, entry_ids.dump()})};
}

Statement counter_names(const std::string& business_id) {
  return {"SELECT name FROM api_tokens WHERE business_id = ?1 AND role = 'scanner' AND revoked_at IS NULL ORDER BY name",
          json::array({business_id})};
}

std::vector<Statement> recount_task_writes(const std::string& business_id, const std::string& session_id,
                                           const std::vector<RecountAsk>& asks, IdMaker& ids, const std::string& now) {
  static const RowFields kAsk{"id", "item_id", "bin_id", "batch_number", "serial_number", "name", "zone", "bin", "assignee"};
  constexpr size_t kPerStatement = 500;
  std::vector<Statement> out;
  for (size_t at = 0; at < asks.size(); at += kPerStatement) {
    json rows = json::array();
    for (size_t i = at; i < asks.size() && i < at + kPerStatement; ++i) {
      const RecountAsk& a = asks[i];
      std::string name = "Recount " + a.sku + (a.bin.empty() ? "" : " at " + a.bin) +
                         (!a.serial_number.empty() ? " serial " + a.serial_number
                                                   : a.batch_number.empty() ? "" : " lot " + a.batch_number);
      auto or_null = [](const std::string& v) { return v.empty() ? json() : json(v); };
      rows.push_back(kAsk.row({{"id", ids.next("tsk")}, {"item_id", a.item_id}, {"bin_id", a.bin_id},
                               {"batch_number", a.batch_number}, {"serial_number", a.serial_number}, {"name", name},
                               {"zone", or_null(a.zone)}, {"bin", or_null(a.bin)}, {"assignee", or_null(a.assignee)}}));
    }
    const std::string asked = "(SELECT " + kAsk.select_list() + " FROM json_each(?1))";
    const std::string line_is = "n.item_id = j.item_id AND COALESCE(n.bin_id, '') = j.bin_id AND "
                                "COALESCE(n.batch_number, '') = j.batch_number AND COALESCE(n.serial_number, '') = j.serial_number";
    json params = json::array({rows.dump(), business_id, session_id, now});
    // Only a line still in its first round, while the session is ACTIVE: a recount a line.
    out.push_back({"INSERT INTO stock_count_task (id, business_id, session_id, name, strategy, zone_code, bin_code, assignee, "
                   "status, count_index, created_at, updated_at) SELECT j.id, ?2, ?3, j.name, 'by_assignee', j.zone, j.bin, "
                   "j.assignee, " + stock_count::status_sql(stock_count::TaskStatus::kOpen) + ", k.count_index + 1, ?4, ?4 FROM " +
                       asked + " AS j JOIN stock_count_snapshot n ON n.session_id = ?3 AND " + line_is +
                       " JOIN stock_count_task k ON k.id = n.task_id WHERE k.count_index = 1 AND " + session_active("?3"),
                   params});
    out.push_back({"UPDATE stock_count_snapshot AS n SET task_id = j.id FROM " + asked + " AS j WHERE n.business_id = ?2 "
                   "AND n.session_id = ?3 AND " + line_is + " AND EXISTS (SELECT 1 FROM stock_count_task t WHERE t.id = j.id) "
                   "AND ?4 = ?4",
                   params});
  }
  return out;
}

}  // namespace core::pipeline
