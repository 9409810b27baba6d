#include "stock_count/queries/sessions.h"

#include "stock_count/lifecycle.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"

namespace core::stock_count {

Statement session_insert(const std::string& business_id, const std::string& id, const std::string& location,
                         const std::string& type, const std::string& name, const std::string& created_by,
                         const std::string& now) {
  return {"INSERT INTO stock_count_session (id, business_id, location_id, type, status, name, source, created_by, "
          "created_at, updated_at) SELECT ?1, ?2, ?3, ?4, " + status_sql(SessionStatus::kDraft) +
              ", ?5, 'manual', ?6, ?7, ?7 "
          "WHERE EXISTS (SELECT 1 FROM locations WHERE id = ?3 AND business_id = ?2)",
          json::array({id, business_id, location, type, name, created_by, now})};
}

Statement full_scope_insert(const std::string& business_id, const std::string& scope_id,
                            const std::string& session_id, const std::string& now) {
  return {"INSERT INTO stock_count_scope (id, business_id, session_id, kind, value, created_at) "
          "SELECT ?1, ?2, ?3, 'all', NULL, ?4 WHERE EXISTS (SELECT 1 FROM stock_count_session WHERE id = ?3)",
          json::array({scope_id, business_id, session_id, now})};
}

SessionReads session_reads(const BusinessScope& business, const std::string& session_id) {
  const json params = json::array({session_id, business.bound()});
  SessionReads out;
  out.session = out.batch.add(load_session_in(business, session_id));
  out.scopes = out.batch.add(session_scopes(business, session_id));
  out.tasks_by_status = out.batch.add(
      {"SELECT status, COUNT(*) AS n FROM stock_count_task WHERE session_id = ?1 AND business_id = " +
           business.sql(2) + " GROUP BY status",
       params});
  out.snapshot = out.batch.add(
      {"SELECT COUNT(*) AS lines, COALESCE(SUM(quantity), 0) AS quantity FROM stock_count_snapshot "
       "WHERE session_id = ?1 AND business_id = " + business.sql(2),
       params});
  out.entries = out.batch.add(session_entries_counted(business, session_id));
  return out;
}

Statement still_draft(const std::string& business_id, const std::string& session_id) {
  return guard_exists("session not draft",
                      "SELECT 1 FROM stock_count_session WHERE id = ?2 AND business_id = ?3 AND status = " +
                          status_sql(SessionStatus::kDraft),
                      json::array({session_id, business_id}));
}

Statement scope_insert(const std::string& business_id, const std::string& scope_id, const std::string& session_id,
                       const std::string& kind, const json& value, const std::string& now) {
  return {"INSERT INTO stock_count_scope (id, business_id, session_id, kind, value, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
          json::array({scope_id, business_id, session_id, kind, value, now})};
}

Statement scope_named(const std::string& session_id, const std::string& kind, const std::string& value) {
  return {"SELECT id, session_id, kind, value, created_at FROM stock_count_scope "
          "WHERE session_id = ?1 AND kind = ?2 AND COALESCE(value, '') = ?3",
          json::array({session_id, kind, value})};
}

Statement scope_of_session(const BusinessScope& business, const std::string& scope_id, const std::string& session_id) {
  return {"SELECT id FROM stock_count_scope WHERE id = ?1 AND session_id = ?2 AND business_id = " + business.sql(3),
          json::array({scope_id, session_id, business.bound()})};
}

Statement scope_delete(const std::string& business_id, const std::string& scope_id, const std::string& session_id) {
  return {"DELETE FROM stock_count_scope WHERE id = ?1 AND session_id = ?2 AND business_id = ?3",
          json::array({scope_id, session_id, business_id})};
}

Statement load_task(const BusinessScope& business, const std::string& task_id) {
  return {std::string("SELECT ") + kTaskColumns + ", s.status AS session_status FROM stock_count_task t " +
              "JOIN stock_count_session s ON s.id = t.session_id WHERE t.id = ?1 AND t.business_id = " + business.sql(2),
          json::array({task_id, business.bound()})};
}

Statement draft_tasks_delete(const std::string& business_id, const std::string& session_id) {
  return {"DELETE FROM stock_count_task WHERE session_id = ?1 AND business_id = ?2 AND status = " +
              status_sql(TaskStatus::kDraft),
          json::array({session_id, business_id})};
}

Statement session_tasks(const std::string& business_id, const std::string& session_id) {
  return {std::string("SELECT ") + kTaskColumns +
              " FROM stock_count_task t WHERE t.session_id = ?1 AND t.business_id = ?2 ORDER BY t.name",
          json::array({session_id, business_id})};
}

Statement snapshot_tasks(const std::string& biz_sql, const std::string& bound, const std::string& session_id) {
  return {"SELECT id, name, strategy, zone_code, bin_code, category, assignee FROM stock_count_task "
          "WHERE session_id = ?1 AND business_id = " + biz_sql + " ORDER BY created_at, id",
          json::array({session_id, bound})};
}

Statement snapshot_delete(const std::string& business_id, const std::string& session_id) {
  return {"DELETE FROM stock_count_snapshot WHERE session_id = ?1 AND business_id = ?2",
          json::array({session_id, business_id})};
}

Statement nothing_counted_yet(const std::string& session_id) {
  return guard_exists("entries appeared",
                      "SELECT 1 FROM stock_count_session s WHERE s.id = ?2 AND s.status = " +
                          status_sql(SessionStatus::kActive) + " "
                          "AND NOT EXISTS (SELECT 1 FROM stock_count_entry e WHERE e.session_id = ?2)",
                      json::array({session_id}));
}

std::string still_uncounted_sql() {
  return "status = " + status_sql(SessionStatus::kActive) +
         " AND NOT EXISTS (SELECT 1 FROM stock_count_entry e WHERE e.session_id = ?1)";
}

Statement snapshot_size(const std::string& business_id, const std::string& session_id) {
  return {"SELECT COUNT(*) AS n FROM stock_count_snapshot WHERE session_id = ?1 AND business_id = ?2",
          json::array({session_id, business_id})};
}

StockWalkReads stock_walk_reads(const BusinessScope& business, const std::string& session_id,
                                const std::string& cursor, int64_t lines, bool first) {
  StockWalkReads out;
  ItemPages pages = session_stock_pages(business.sql(2));
  if (first) {
    out.session = out.batch.add(load_session_in(business, session_id));
    out.scopes = out.batch.add(session_scopes(business, session_id));
    out.size = out.batch.add({pages.count_sql(), json::array({session_id, business.bound()})});
  }
  ItemPages walk = pages.walk();
  json params = ItemPages::walk_params(session_id, business.bound(), cursor, lines);
  out.bounds = out.batch.add({walk.bounds_sql(), params});
  out.lines = out.batch.add(session_stock_page(walk, params));
  return out;
}

Listing sessions_listing() {
  // Progress as a supervisor reads it: snapshot lines in scope, and those counted at least once.
  return {.from = "stock_count_session s JOIN locations l ON l.id = s.location_id LEFT JOIN zones z ON z.id = s.zone_id",
          .columns = "s.id, s.location_id, l.code AS location_code, s.type, s.status, s.name, "
                     "CASE WHEN s.trigger_reason IS NULL THEN s.source ELSE 'trigger' END AS source, s.trigger_reason, s.week_key, "
                     "s.zone_id, z.code AS zone_code, s.zero_uncounted, s.created_by, s.created_at, s.started_at, "
                     "s.closed_at, s.approved_at, s.approved_by, s.posted_at, s.rejected_at, s.reject_reason, s.updated_at, s.run_kind, "
                     "(SELECT COUNT(*) FROM stock_count_snapshot sn WHERE sn.business_id = s.business_id "
                     "AND sn.session_id = s.id) AS lines_in_scope, "
                     "(SELECT COUNT(*) FROM stock_count_entry e WHERE e.session_id = s.id AND e.count_index = 1) AS lines_counted",
          .order_by = "s.created_at DESC, s.id",
          .business_column = "s.business_id"};
}

Listing snapshot_listing(const Statement& parent, const std::string& session_id) {
  Listing listing{.from = "stock_count_snapshot s JOIN items i ON i.id = s.item_id LEFT JOIN bins b ON b.id = s.bin_id",
                  .columns = "s.id, s.session_id, s.task_id, s.item_id, i.sku, b.code AS bin, s.batch_number, "
                             "s.serial_number, s.kind, s.quantity, s.taken_at",
                  .order_by = "i.sku, b.code, s.batch_number, s.serial_number",
                  .business_column = "s.business_id",
                  .parent = parent,
                  .parent_name = "stock-count session"};
  listing.where("s.session_id = ?", session_id);
  return listing;
}

Listing tasks_listing() {
  return {.from = "stock_count_task t", .columns = kTaskColumns, .order_by = "t.session_id, t.name",
          .business_column = "t.business_id"};
}

Listing entries_listing() {
  return {.from = kEntryFrom, .columns = entry_columns(), .order_by = "e.counted_at, e.id",
          .business_column = "e.business_id"};
}

}  // namespace core::stock_count
