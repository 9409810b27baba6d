#include "stock_count/queries/entries.h"

#include "quantity.h"
#include "stock_count/lifecycle.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"

namespace core::stock_count {

namespace {

// The names the lines carry, each as a JSON list for a json_each().
struct Named {
  json ids = json::array(), skus = json::array(), bins = json::array(), clients = json::array(), gtins = json::array();
  bool zone_named = false;
};
Named named_by(const std::vector<CountLine>& lines) {
  Named out;
  for (const auto& l : lines) {
    if (l.item_id.is_text()) out.ids.push_back(l.item_id.text);
    if (l.sku.is_text()) out.skus.push_back(l.sku.text);
    if (l.bin.is_text()) out.bins.push_back(l.bin.text);
    if (l.client_entry_id.is_text()) out.clients.push_back(l.client_entry_id.text);
    if (!l.gtin.empty()) out.gtins.push_back(l.gtin);
    out.zone_named = out.zone_named || !l.zone.view().empty();
  }
  return out;
}

// A serial is 0 or 1 in a session, however many entries: for the serials the lines name, the
// count round each already holds a positive count in (counted_round) and the round of the task
// its snapshot line belongs to (task_round), per session (`sessions`: SQL of the session ids;
// `serials` the parameter holding their JSON list). nullopt when no line names a serial.
std::optional<Statement> serial_rounds(const std::vector<CountLine>& lines, const std::string& sessions,
                                       const std::string& serials, json params) {
  json named = json::array();
  for (const auto& l : lines) {
    if (l.serial_number.is_text() && !l.serial_number.view().empty()) named.push_back(l.serial_number.text);
  }
  if (named.empty()) return std::nullopt;
  params.push_back(named.dump());
  const std::string in_serials = " IN (SELECT value FROM json_each(" + serials + "))";
  return Statement{"SELECT e.session_id, e.item_id, e.serial_number, MAX(e.count_index) AS counted_round, NULL AS task_round "
                   "FROM stock_count_entry e WHERE e.session_id IN (" + sessions + ") AND e.counted_qty > 0 "
                   "AND e.serial_number" + in_serials + " GROUP BY e.session_id, e.item_id, e.serial_number "
                   "UNION ALL SELECT n.session_id, n.item_id, n.serial_number, NULL, MAX(k.count_index) "
                   "FROM stock_count_snapshot n JOIN stock_count_task k ON k.id = n.task_id "
                   "WHERE n.session_id IN (" + sessions + ") AND n.serial_number" + in_serials +
                   " GROUP BY n.session_id, n.item_id, n.serial_number",
                   std::move(params)};
}

// "WITH r AS (…)": the rows of the JSON list bound at `rows_param`, each column by its name.
std::string entry_rows_cte(const std::string& rows_param) {
  std::string columns;
  for (size_t i = 0; i < kEntryRowColumns.size(); ++i) {
    columns += (i ? ", value ->> " : "value ->> ") + std::to_string(i) + " AS " + std::string(kEntryRowColumns[i]);
  }
  return "WITH r AS MATERIALIZED (SELECT " + columns + " FROM json_each(" + rows_param + ")) ";
}

}  // namespace

EntryReads entry_reads(const BusinessScope& business, const std::string& session_id, const std::string& task_id,
                       const std::vector<CountLine>& lines) {
  Named named = named_by(lines);
  const std::string& biz = business.bound();
  EntryReads out;
  out.session = out.batch.add(load_session_in(business, session_id));
  out.task = out.batch.add(
      {"SELECT id, status, count_index FROM stock_count_task WHERE id = ?1 AND session_id = ?2 AND business_id = " +
           business.sql(3),
       json::array({task_id, session_id, biz})});
  json item_params = json::array({biz, named.ids.dump(), named.skus.dump()});
  if (!named.gtins.empty()) item_params.push_back(named.gtins.dump());
  out.items = out.batch.add({items_named(kItemColumnsOfLines, business.sql(1), "?2", "?3", named.gtins.empty() ? "" : "?4"),
                             std::move(item_params)});
  out.bins = out.batch.add(
      {"SELECT b.id, b.code, z.code AS zone_code FROM bins b JOIN zones z ON z.id = b.zone_id "
       "WHERE b.business_id = " + business.sql(1) + " AND b.location_id = "
       "(SELECT location_id FROM stock_count_session WHERE id = ?2 AND business_id = " + business.sql(1) + ") "
       "AND b.code IN (SELECT value FROM json_each(?3))",
       json::array({biz, session_id, named.bins.dump()})});
  out.clients = out.batch.add(
      {"SELECT client_entry_id FROM stock_count_entry WHERE session_id = ?1 AND business_id = " + business.sql(2) +
           " AND client_entry_id IN (SELECT value FROM json_each(?3))",
       json::array({session_id, biz, named.clients.dump()})});
  if (auto serials = serial_rounds(lines, "SELECT id FROM stock_count_session WHERE id = ?1 AND business_id = " +
                                              business.sql(2), "?3", json::array({session_id, biz}))) {
    out.serials = out.batch.add(std::move(*serials));
  }
  return out;
}

IngestReads ingest_reads(const BusinessScope& business, const std::string& location, const std::string& session,
                         const std::vector<CountLine>& lines) {
  Named named = named_by(lines);
  const std::string& biz = business.bound();
  const std::string candidates =
      "SELECT s.id FROM stock_count_session s WHERE s.business_id = " + business.sql(1) + " AND "
      "((?3 = '' AND s.location_id = ?2 AND s.status = " + status_sql(SessionStatus::kActive) + ") OR s.id = ?3)";
  const std::string items = items_named("id", business.sql(1), "?4", "?5", named.gtins.empty() ? "" : "?6");
  IngestReads out;
  out.location = out.batch.add({"SELECT id, code FROM locations WHERE id = ?1 AND business_id = " + business.sql(2),
                                json::array({location, biz})});
  out.sessions = out.batch.add(
      {"SELECT s.id, s.status, s.run_kind, s.location_id, (SELECT json_group_array(json_object('kind', c.kind, 'value', c.value)) "
       "FROM stock_count_scope c WHERE c.session_id = s.id) AS scopes FROM stock_count_session s "
       "WHERE s.id IN (" + candidates + ") ORDER BY s.started_at DESC, s.id",
       json::array({biz, location, session})});
  json item_params = json::array({biz, named.ids.dump(), named.skus.dump()});
  if (!named.gtins.empty()) item_params.push_back(named.gtins.dump());
  out.items = out.batch.add({items_named("category, brand, " + std::string(kItemColumnsOfLines), business.sql(1), "?2",
                                         "?3", named.gtins.empty() ? "" : "?4"),
                             std::move(item_params)});
  out.bins = out.batch.add(
      {"SELECT b.id, b.code, z.code AS zone_code FROM bins b JOIN zones z ON z.id = b.zone_id "
       "WHERE b.business_id = " + business.sql(1) + " AND b.location_id = ?2 AND b.code IN (SELECT value FROM json_each(?3))",
       json::array({biz, location, named.bins.dump()})});
  // By (session, item): SQLite would otherwise pick the (business, session) index and read
  // every snapshot line of the session to find these items.
  out.expecting = out.batch.add(
      {"SELECT DISTINCT n.session_id, n.item_id FROM stock_count_snapshot n INDEXED BY stock_count_snapshot_line "
       "WHERE n.business_id = " + business.sql(1) + " "
       "AND n.session_id IN (" + candidates + ") AND n.item_id IN (" + items + ")",
       named.gtins.empty() ? json::array({biz, location, session, named.ids.dump(), named.skus.dump()})
                           : json::array({biz, location, session, named.ids.dump(), named.skus.dump(), named.gtins.dump()})});
  out.clients = out.batch.add(
      {"SELECT e.session_id, e.client_entry_id FROM stock_count_entry e WHERE +e.business_id = " + business.sql(1) + " "
       "AND e.session_id IN (" + candidates + ") AND e.client_entry_id IN (SELECT value FROM json_each(?4))",
       json::array({biz, location, session, named.clients.dump()})});
  if (named.zone_named) {
    out.zones = out.batch.add({"SELECT code FROM zones WHERE business_id = " + business.sql(1) + " AND location_id = ?2",
                               json::array({biz, location})});
  }
  if (auto serials = serial_rounds(lines, candidates, "?4", json::array({biz, location, session}))) {
    out.serials = out.batch.add(std::move(*serials));
  }
  return out;
}

Statement serials_counted_once(const std::string& business_id, const std::string& session_id, const json& serials) {
  return guard_exists("a serial counted twice",
                      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM stock_count_entry e WHERE e.session_id = ?2 "
                      "AND e.business_id = ?3 AND e.counted_qty > 0 AND e.serial_number IN (SELECT value FROM json_each(?4)) "
                      "AND e.count_index = (SELECT MAX(x.count_index) FROM stock_count_entry x WHERE x.session_id = e.session_id "
                      "AND x.item_id = e.item_id AND x.serial_number = e.serial_number AND x.counted_qty > 0) "
                      "GROUP BY e.item_id, e.serial_number HAVING SUM(e.counted_qty) > " + std::to_string(kQtyScale) + ")",
                      json::array({session_id, business_id, serials.dump()}));
}

EntryWrites entry_writes(const EntryRowsWrite& write, json rows, bool read_back) {
  const json fixed = json::array({write.business_id, write.session_id, write.counted_by, write.now});
  const std::string rows_param = "?" + std::to_string(fixed.size() + 1);
  const std::string loc = "(SELECT location_id FROM stock_count_session WHERE id = ?2)";
  // Each line's fields are read from its JSON once (r), and its task once (t): without a
  // task in the request, the line's task from the snapshot.
  const std::string lines =
      entry_rows_cte(rows_param) +
      ", t AS MATERIALIZED (SELECT r.*, COALESCE(r.task_id, (SELECT s.task_id FROM stock_count_snapshot s "
      "WHERE s.session_id = ?2 AND s.item_id = r.item_id AND COALESCE(s.bin_id, '') = COALESCE(r.bin_id, '') LIMIT 1)) "
      "AS line_task FROM r) ";
  // The on-hand at the moment of the count (store.h "What a count compares with"):
  // the expected placement of this line when the item is placed at the
  // location, else the item's balance there with its unconfirmed change.
  // business_id first so the (business_id, location_id, item_id) indexes serve each row.
  const std::string system_qty =
      "CASE WHEN EXISTS (SELECT 1 FROM inventory_detail d WHERE d.business_id = ?1 AND d.item_id = t.item_id "
      "AND d.location_id = " + loc + ") THEN " +
      expected_line_qty("?1", loc, "t.item_id", "t.bin_id", "t.batch_number", "t.serial_number") +
      " ELSE COALESCE((SELECT ib.quantityonhand FROM inventory_balance ib WHERE ib.item_id = t.item_id"
      " AND ib.location_id = " + loc + "), 0) + " + unconfirmed_item_change("?1", loc, "t.item_id") + " END";
  json ids = json::array(), clients = json::array(), serials = json::array();
  for (const auto& r : rows) {
    ids.push_back(r[kEntryId]);
    if (r[kEntryClient].is_string()) clients.push_back(r[kEntryClient]);
    if (r[kEntrySerial].is_string() && r[kEntryQty].is_number_integer() && r[kEntryQty].get<int64_t>() > 0) {
      serials.push_back(r[kEntrySerial]);
    }
  }
  EntryWrites out;
  out.batch.add_all(entries_change(write.business_id, write.session_id));
  out.batch.add_all(bulk_rows(
      lines + "INSERT OR IGNORE INTO stock_count_entry (id, business_id, session_id, task_id, item_id, location_id, "
      "bin_id, batch_number, serial_number, counted_qty, system_qty_at_count, client_entry_id, counted_by, counted_at, "
      "count_index, created_at, updated_at, barcode, uom, uom_qty) SELECT t.id, ?1, ?2, t.line_task, t.item_id, " + loc +
          ", t.bin_id, t.batch_number, t.serial_number, t.counted_qty, " + system_qty +
          ", t.client_entry_id, ?3, t.counted_at, COALESCE((SELECT k.count_index FROM stock_count_task k "
          "WHERE k.id = t.line_task), 1), ?4, ?4, t.barcode, t.uom, t.uom_qty FROM t",
      std::move(rows), fixed));
  if (!serials.empty()) out.batch.add(serials_counted_once(write.business_id, write.session_id, serials));
  // A concurrent request stored the same client_entry_id first: this line is a duplicate, not lost.
  out.lost = out.batch.add(
      {"SELECT client_entry_id FROM stock_count_entry WHERE session_id = ?1 "
       "AND client_entry_id IN (SELECT value FROM json_each(?2)) AND id NOT IN (SELECT value FROM json_each(?3))",
       json::array({write.session_id, clients.dump(), ids.dump()})});
  if (read_back) {
    out.stored = out.batch.add({"SELECT " + entry_columns() + " FROM " + kEntryFrom +
                                    " WHERE e.id IN (SELECT value FROM json_each(?1)) ORDER BY e.id",
                                json::array({ids.dump()})});
  }
  return out;
}

Statement entry_count_update(const std::string& business_id, const std::string& entry_id, int64_t counted_qty,
                             const std::string& now) {
  return {"UPDATE stock_count_entry SET counted_qty = ?1, uom = NULL, uom_qty = NULL, updated_at = ?2 WHERE id = ?3 AND business_id = ?4",
          json::array({counted_qty, now, entry_id, business_id})};
}

Statement load_entry(const BusinessScope& business, const std::string& entry_id) {
  return {"SELECT " + entry_columns() + ", i.tracking, s.status AS session_status FROM " + kEntryFrom +
              " JOIN stock_count_session s ON s.id = e.session_id WHERE e.id = ?1 AND e.business_id = " + business.sql(2),
          json::array({entry_id, business.bound()})};
}

}  // namespace core::stock_count
