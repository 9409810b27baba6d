#include "stock_count/queries/walk.h"

#include "stock_count/lifecycle.h"
#include "stock_count/queries/sessions.h"

namespace core::stock_count {

namespace {

// The most lines one walk lists (a task is a zone or a bin: far fewer in practice).
constexpr int kMaxWalkLines = 5000;

// Entry `e` counts snapshot line `n` in the round of task `k`.
constexpr const char* kCountsLine =
    "e.session_id = n.session_id AND e.item_id = n.item_id AND e.bin_id IS n.bin_id AND "
    "COALESCE(e.batch_number, '') = COALESCE(n.batch_number, '') AND COALESCE(e.serial_number, '') = "
    "COALESCE(n.serial_number, '') AND e.count_index >= k.count_index";

}  // namespace

WalkReads walk_reads(const BusinessScope& business, const std::string& task_id) {
  WalkReads out;
  out.task = out.batch.add(load_task(business, task_id));
  json params = json::array({task_id, business.bound()});
  out.lines = out.batch.add(
      {"SELECT n.id AS snapshot_id, n.item_id, i.sku, i.name, n.bin_id, b.code AS bin, b.walk_seq, n.batch_number, n.serial_number, "
       "EXISTS (SELECT 1 FROM stock_count_entry e WHERE " + std::string(kCountsLine) + ") AS counted "
       "FROM stock_count_snapshot n JOIN stock_count_task k ON k.id = n.task_id JOIN items i ON i.id = n.item_id "
       "LEFT JOIN bins b ON b.id = n.bin_id WHERE n.task_id = ?1 AND n.business_id = " + business.sql(2) + " "
       "ORDER BY b.walk_seq IS NULL, b.walk_seq, b.code, i.sku, n.batch_number, n.serial_number LIMIT " +
           std::to_string(kMaxWalkLines),
       params});
  out.found = out.batch.add(
      {"SELECT DISTINCT i.sku, b.code AS bin, e.batch_number, e.serial_number FROM stock_count_task k "
       "JOIN stock_count_entry e ON e.session_id = k.session_id AND e.count_index >= k.count_index "
       "JOIN items i ON i.id = e.item_id LEFT JOIN bins b ON b.id = e.bin_id "
       "WHERE k.id = ?1 AND k.business_id = " + business.sql(2) + " "
       "AND e.bin_id IN (SELECT m.bin_id FROM stock_count_snapshot m WHERE m.task_id = k.id) "
       "AND NOT EXISTS (SELECT 1 FROM stock_count_snapshot n WHERE n.session_id = e.session_id AND n.item_id = e.item_id "
       "AND n.bin_id IS e.bin_id AND COALESCE(n.batch_number, '') = COALESCE(e.batch_number, '') "
       "AND COALESCE(n.serial_number, '') = COALESCE(e.serial_number, '')) ORDER BY b.code, i.sku LIMIT 500",
       params});
  return out;
}

UncountedWrites uncounted_to_task(const UncountedMove& m) {
  UncountedWrites out;
  const std::string still_uncounted = "NOT EXISTS (SELECT 1 FROM stock_count_entry e WHERE " + std::string(kCountsLine) + ")";
  json params = json::array({m.business_id, m.session_id, m.from_task, m.new_task, m.name,
                             m.assignee.empty() ? json() : json(m.assignee), m.now, m.snapshot_ids.dump()});
  out.batch.add({"INSERT INTO stock_count_task (id, business_id, session_id, name, strategy, zone_code, bin_code, assignee, "
                 "status, count_index, created_at, updated_at) SELECT ?4, ?1, ?2, ?5, 'by_assignee', k.zone_code, NULL, ?6, " +
                     status_sql(TaskStatus::kOpen) + ", k.count_index + 1, ?7, ?7 FROM stock_count_task k "
                     "WHERE k.id = ?3 AND k.business_id = ?1 AND k.session_id = ?2 AND EXISTS (SELECT 1 FROM "
                     "stock_count_session s WHERE s.id = ?2 AND s.status = " + status_sql(SessionStatus::kActive) +
                     " AND s.run_kind IS NULL) AND EXISTS (SELECT 1 FROM stock_count_snapshot n WHERE n.task_id = k.id "
                     "AND n.id IN (SELECT value FROM json_each(?8)) AND " + still_uncounted + ")",
                 params});
  out.batch.add({"UPDATE stock_count_snapshot AS n SET task_id = ?4 FROM stock_count_task k WHERE k.id = ?3 "
                 "AND n.task_id = k.id AND n.business_id = ?1 AND n.session_id = ?2 AND n.id IN (SELECT value FROM json_each(?8)) "
                 "AND " + still_uncounted + " AND EXISTS (SELECT 1 FROM stock_count_task t WHERE t.id = ?4) "
                 "AND ?5 = ?5 AND ?6 IS ?6 AND ?7 = ?7",
                 params});
  out.task = out.batch.add(load_task(BusinessScope::of_business(m.business_id), m.new_task));
  return out;
}

}  // namespace core::stock_count
