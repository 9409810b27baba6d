#include "netsuite/queries/sync.h"

#include "queries/business_settings.h"

#include "netsuite/push_status.h"
#include "netsuite/queries/connection.h"
#include "netsuite/sync_status.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"

namespace core::netsuite {

namespace {

std::string in_list(int n) { return "IN (SELECT value FROM json_each(?" + std::to_string(n) + "))"; }

std::string rows_cte(const RowFields& fields, int n) {
  return "WITH r AS (SELECT " + fields.select_list() + " FROM json_each(?" + std::to_string(n) + ")) ";
}

std::string open_run_sql(const std::string& business) {
  return std::string("SELECT ") + kSyncRunColumns + " FROM ns_sync_runs WHERE business_id = " + business +
         " AND finished_at IS NULL";
}

}  // namespace

SyncReads sync_reads(const BusinessScope& business) {
  SyncReads reads;
  std::string biz = business.sql(1);
  json params = json::array({business.bound()});
  reads.connection = reads.batch.add(connection_row(business));
  reads.open_run = reads.batch.add({open_run_sql(biz), params});
  reads.last_finished = reads.batch.add({std::string("SELECT ") + kSyncRunColumns + " FROM ns_sync_runs WHERE business_id = " +
                                             biz + " AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1",
                                         params});
  reads.done_runs = reads.batch.add({"SELECT MAX(CASE WHEN kind = " + status_sql(SyncKind::kFull) +
                                         " THEN finished_at END) AS full_at, MAX(queued_at) AS since_next FROM ns_sync_runs "
                                         "WHERE business_id = " + biz + " AND status = " + status_sql(SyncStatus::kDone),
                                     params});
  return reads;
}

RunQueue run_queue(const BusinessScope& business, const std::string& id, const std::string& kind,
                   const std::string& requested_by, const std::string& since, const std::string& now,
                   const std::string& stats) {
  RunQueue q;
  q.batch.add({"INSERT INTO ns_sync_runs (id, business_id, kind, status, requested_by, since, stage, stats, queued_at, "
               "updated_at) SELECT ?2, " + business.sql(1) + ", ?3, " + status_sql(SyncStatus::kQueued) + ", ?4, ?5, " +
                   status_sql(SyncPhase::kLocations) + ", ?7, ?6, ?6 WHERE NOT EXISTS (SELECT 1 FROM ns_sync_runs WHERE "
                   "business_id = " + business.sql(1) + " AND finished_at IS NULL)",
               json::array({business.bound(), id, kind, requested_by, stock_count::text_or_null(since), now, stats})});
  q.open_run = q.batch.add({open_run_sql(business.sql(1)), json::array({business.bound()})});
  return q;
}

std::vector<Statement> run_advance(const std::string& business_id, const std::string& run_id, const std::string& seen_phase,
                                   const std::string& seen_cursor, const std::string& phase, const std::string& cursor,
                                   const json& stats, bool finished, const std::string& now) {
  std::vector<Statement> out;
  out.push_back({"UPDATE ns_sync_runs SET stage = ?4, cursor = ?5, stats = ?6, pages = pages + 1, attempts = 0, "
                 "next_attempt_at = NULL, last_error = NULL, updated_at = ?7, started_at = COALESCE(started_at, ?7), "
                 "status = CASE WHEN ?8 = 1 THEN " + status_sql(SyncStatus::kDone) + " ELSE " +
                     status_sql(SyncStatus::kRunning) + " END, finished_at = CASE WHEN ?8 = 1 THEN ?7 END "
                 "WHERE business_id = ?1 AND id = ?2 AND stage = ?3 AND cursor = ?9 AND finished_at IS NULL",
                 json::array({business_id, run_id, seen_phase, phase, cursor, stats.dump(), now, finished ? 1 : 0, seen_cursor})});
  out.push_back(guard_previous_changed("the sync run moved on meanwhile"));
  return out;
}

Statement run_setback(const std::string& business_id, const std::string& run_id, int64_t attempts,
                      const std::string& next_attempt_at, const std::string& error, bool failed, const std::string& now) {
  return {"UPDATE ns_sync_runs SET attempts = ?3, next_attempt_at = ?4, last_error = ?5, updated_at = ?6, "
          "started_at = COALESCE(started_at, ?6), status = CASE WHEN ?7 = 1 THEN " + status_sql(SyncStatus::kFailed) +
              " ELSE " + status_sql(SyncStatus::kRunning) + " END, finished_at = CASE WHEN ?7 = 1 THEN ?6 END "
          "WHERE business_id = ?1 AND id = ?2 AND finished_at IS NULL",
          json::array({business_id, run_id, attempts, stock_count::text_or_null(next_attempt_at), error, now, failed ? 1 : 0})};
}

SyncStatusReads sync_status_reads(const BusinessScope& business) {
  SyncStatusReads reads;
  std::string biz = business.sql(1);
  json params = json::array({business.bound()});
  reads.connection = reads.batch.add(connection_row(business));
  reads.open_run = reads.batch.add({open_run_sql(biz), params});
  reads.last_finished = reads.batch.add({std::string("SELECT ") + kSyncRunColumns + " FROM ns_sync_runs WHERE business_id = " +
                                             biz + " AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1",
                                         params});
  reads.last_done = reads.batch.add({std::string("SELECT ") + kSyncRunColumns + " FROM ns_sync_runs WHERE business_id = " + biz +
                                         " AND status = " + status_sql(SyncStatus::kDone) + " ORDER BY finished_at DESC LIMIT 1",
                                     params});
  return reads;
}

std::string mirror_as_of_sql(const std::string& business, const std::string& at) {
  return "(SELECT MAX(r.finished_at) FROM ns_sync_runs r WHERE r.business_id = " + business + " AND r.status = " +
         status_sql(SyncStatus::kDone) + " AND r.finished_at <= " + at + ")";
}

Statement sync_health(const std::string& stale_before) {
  return {"SELECT (SELECT COUNT(*) FROM (SELECT status, MAX(finished_at) FROM ns_sync_runs WHERE finished_at IS NOT NULL "
          "GROUP BY business_id) WHERE status = " + status_sql(SyncStatus::kFailed) + ") AS failed, (SELECT COUNT(*) FROM "
          "(SELECT MAX(finished_at) AS finished_at FROM ns_sync_runs WHERE status = " + status_sql(SyncStatus::kDone) +
              " GROUP BY business_id) WHERE finished_at < ?1) AS stale",
          json::array({stale_before})};
}

ItemList item_list(const std::string& business_id, const std::string& after, size_t limit) {
  ItemList list;
  list.ids = list.batch.add({"SELECT ns_item_id FROM items WHERE business_id = ?1 AND ns_item_id GLOB '[0-9]*' AND "
                             "ns_item_id NOT GLOB '*[^0-9]*' AND CAST(ns_item_id AS INTEGER) > CAST(?2 AS INTEGER) "
                             "ORDER BY CAST(ns_item_id AS INTEGER) LIMIT ?3",
                             json::array({business_id, after.empty() ? "0" : after, static_cast<int64_t>(limit)})});
  return list;
}

namespace {

// The rows of `table` already linked to NetSuite (`ns_column` = the row's `ns_field`) take the
// upload's `columns`. The rows drive the lookups (CROSS JOIN keeps json_each outermost).
std::vector<Statement> update_linked(const std::string& business_id, const RowFields& fields, json rows,
                                     const std::string& table, const std::string& ns_column, const std::string& ns_field,
                                     std::initializer_list<const char*> columns) {
  std::string picked, set;
  for (const char* c : columns) {
    picked += std::string(", r.") + c;
    set += (set.empty() ? "" : ", ") + std::string(c) + " = (SELECT m." + c + " FROM m WHERE m.id = " + table + ".id)";
  }
  return stock_count::bulk_rows(rows_cte(fields, 2) + ", m AS MATERIALIZED (SELECT t.id" + picked + " FROM r CROSS JOIN " +
                                    table + " t ON t.business_id = ?1 AND t." + ns_column + " = r." + ns_field +
                                    ") UPDATE " + table + " SET " + set + " WHERE id IN (SELECT id FROM m)",
                                std::move(rows), json::array({business_id}));
}

// The update of the linked rows, then the inserts of the others.
std::vector<Statement> linked_then_new(std::vector<Statement> linked, std::vector<Statement> inserts) {
  for (auto& s : inserts) linked.push_back(std::move(s));
  return linked;
}

}  // namespace

const RowFields kNsLocationFields{"id", "ns_id", "name", "active"};

std::vector<Statement> ns_location_upserts(const std::string& business_id, json rows) {
  auto linked = update_linked(business_id, kNsLocationFields, rows, "locations", "ns_location_id", "ns_id", {"name", "active"});
  return linked_then_new(std::move(linked), stock_count::bulk_rows(
      rows_cte(kNsLocationFields, 2) +
          "INSERT INTO locations (id, business_id, code, name, ns_location_id, active) SELECT r.id, ?1, r.name, r.name, "
          "r.ns_id, r.active FROM r WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.business_id = ?1 AND "
          "l.ns_location_id = r.ns_id) ON CONFLICT (business_id, code) DO UPDATE SET ns_location_id = excluded.ns_location_id, "
          "name = excluded.name, active = excluded.active",
      std::move(rows), json::array({business_id})));
}

const RowFields kNsItemFields{"id", "ns_item_id", "sku", "name", "category", "avg_cost_minor", "tracking", "active", "gtin",
                              "uoms"};

std::vector<Statement> ns_item_upserts(const std::string& business_id, json rows) {
  auto linked = update_linked(business_id, kNsItemFields, rows, "items", "ns_item_id", "ns_item_id",
                              {"name", "category", "avg_cost_minor", "tracking", "active"});
  auto out = linked_then_new(std::move(linked), stock_count::bulk_rows(
      rows_cte(kNsItemFields, 2) +
          "INSERT INTO items (id, business_id, sku, name, category, brand, avg_cost_minor, tracking, ns_item_id, active) "
          "SELECT r.id, ?1, r.sku, r.name, r.category, '', r.avg_cost_minor, r.tracking, r.ns_item_id, r.active FROM r "
          "WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.business_id = ?1 AND i.ns_item_id = r.ns_item_id) "
          "ON CONFLICT (business_id, sku) DO UPDATE SET ns_item_id = excluded.ns_item_id, name = excluded.name, "
          "category = excluded.category, avg_cost_minor = excluded.avg_cost_minor, tracking = excluded.tracking, "
          "active = excluded.active",
      json(rows), json::array({business_id})));
  // The GTIN (NetSuite's upccode) where no other item of the business holds it: one item per
  // GTIN (migration 0017); a clash waits for NetSuite's data to be put right, never fails the page;
  // an item NetSuite gives no UPC code keeps the GTIN an import gave it. The units of its units
  // type likewise (an item without one keeps the import's).
  auto gtins = stock_count::bulk_rows(
      // From the page's rows to their items (each found by its index), never the other way round.
      "WITH r AS MATERIALIZED (SELECT " + kNsItemFields.select_list() + " FROM json_each(?2)), m AS MATERIALIZED "
          "(SELECT t.id, CASE WHEN NOT EXISTS (SELECT 1 FROM items o WHERE o.business_id = ?1 AND o.gtin = r.gtin "
          "AND o.id <> t.id) THEN r.gtin END AS gtin, r.uoms FROM r JOIN items t ON t.business_id = ?1 "
          "AND t.ns_item_id = r.ns_item_id WHERE r.gtin IS NOT NULL OR r.uoms IS NOT NULL) "
          "UPDATE items SET gtin = COALESCE((SELECT m.gtin FROM m WHERE m.id = items.id), gtin), "
          "uoms = COALESCE((SELECT m.uoms FROM m WHERE m.id = items.id), uoms) WHERE id IN (SELECT id FROM m)",
      std::move(rows), json::array({business_id}));
  for (auto& s : gtins) out.push_back(std::move(s));
  return out;
}

BinPageReads bin_page_reads(const std::string& business_id, const json& ns_location_ids) {
  BinPageReads reads;
  json params = json::array({business_id, ns_location_ids});
  reads.locations = reads.batch.add({"SELECT id, ns_location_id FROM locations WHERE business_id = ?1 AND ns_location_id " +
                                         in_list(2),
                                     params});
  reads.zones = reads.batch.add({"SELECT z.id, z.location_id, z.code FROM zones z JOIN locations l ON l.id = z.location_id "
                                 "WHERE z.business_id = ?1 AND l.ns_location_id " + in_list(2),
                                 params});
  reads.bins = reads.batch.add({"SELECT b.id, b.location_id, b.code, b.ns_bin_id FROM bins b JOIN locations l ON "
                                "l.id = b.location_id WHERE b.business_id = ?1 AND l.ns_location_id " + in_list(2),
                                params});
  reads.settings = reads.batch.add(queries::business_settings_row(BusinessScope::of_business(business_id)));
  return reads;
}

BalancePageReads balance_page_reads(const std::string& business_id, const json& ns_item_ids, const json& ns_location_ids,
                                    const json& ns_bin_ids) {
  BalancePageReads reads;
  const std::string items = "(SELECT id FROM items WHERE business_id = ?1 AND ns_item_id " + in_list(2) + ")";
  json params = json::array({business_id, ns_item_ids});
  reads.items = reads.batch.add({"SELECT id, ns_item_id, tracking FROM items WHERE business_id = ?1 AND ns_item_id " + in_list(2),
                                 params});
  reads.locations = reads.batch.add({"SELECT id, ns_location_id FROM locations WHERE business_id = ?1 AND ns_location_id " +
                                         in_list(2),
                                     json::array({business_id, ns_location_ids})});
  reads.bins = reads.batch.add({"SELECT id, ns_bin_id FROM bins WHERE business_id = ?1 AND ns_bin_id " + in_list(2),
                                json::array({business_id, ns_bin_ids})});
  reads.placements = reads.batch.add({"SELECT item_id, location_id, bin_id, batch_number, serial_number FROM inventory_detail "
                                      "WHERE business_id = ?1 AND item_id IN " + items,
                                      params});
  reads.balances = reads.batch.add({"SELECT item_id, location_id FROM inventory_balance WHERE business_id = ?1 AND item_id IN " +
                                        items,
                                    params});
  reads.busy = reads.batch.add({"SELECT DISTINCT g.item_id FROM inventory_ledger g JOIN ns_pending_pushes p ON "
                                "p.adjustment_id = g.ref_id WHERE g.business_id = ?1 AND g.mirrored_at IS NULL AND p.status IN (" +
                                    status_sql(PushStatus::kPending) + ", " + status_sql(PushStatus::kInFlight) +
                                    ") AND g.item_id IN " + items,
                                params});
  return reads;
}

Statement balances_synced(const std::string& business_id, const json& item_ids, const std::string& now) {
  return {"UPDATE inventory_balance SET synced_at = ?3 WHERE business_id = ?1 AND item_id " + in_list(2),
          json::array({business_id, item_ids, now})};
}

}  // namespace core::netsuite
