#include "stock_count/queries/walk.h"

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
      {"SELECT n.item_id, i.sku, i.name, n.bin_id, b.code AS bin, b.walk_seq, n.batch_number, n.serial_number, "
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

}  // namespace core::stock_count
