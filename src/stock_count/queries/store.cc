#include "stock_count/queries/store.h"

#include "scan/packs.h"

#include "problem.h"
#include "quantity.h"
#include "write_guard.h"
#include "netsuite/queries/sync.h"
#include "stock_count/lifecycle.h"

namespace core::stock_count {

Statement load_session(const Ctx& ctx, const std::string& session_id) {
  return load_session_in(ctx.principal.business(), session_id);
}

Statement load_session_of(const std::string& business_id, const std::string& session_id) {
  return load_session_in(BusinessScope::of_business(business_id), session_id);
}

Statement load_session_in(const BusinessScope& business, const std::string& session_id) {
  return {std::string("SELECT ") + kSessionColumns + " FROM stock_count_session WHERE id = ?1 AND business_id = " +
              business.sql(2),
          json::array({session_id, business.bound()})};
}

std::vector<Statement> entries_change(const std::string& business_id, const std::string& session_id) {
  return {{"UPDATE stock_count_session SET count_seq = count_seq + 1 WHERE id = ?1 AND business_id = ?2 "
           "AND status = " + status_sql(SessionStatus::kActive) + " AND run_kind IS NULL",
           json::array({session_id, business_id})},
          guard_previous_changed("session not active")};
}

Statement entries_unchanged(const std::string& business_id, const std::string& session_id, int64_t seen) {
  return guard_exists("counts arrived while the session closed",
                      "SELECT 1 FROM stock_count_session WHERE id = ?2 AND business_id = ?3 AND count_seq = ?4",
                      json::array({session_id, business_id, seen}));
}

ItemPages session_line_pages(const std::string& biz) {
  return {.sources = {"stock_count_snapshot WHERE session_id = ?1 AND business_id = " + biz,
                      // By session: SQLite would count every entry of the business on (business, task).
                      "stock_count_entry INDEXED BY stock_count_entry_line WHERE session_id = ?1 AND business_id = " + biz},
          .business = biz,
          .cursor = run_cursor_sql(biz)};
}

ItemPages session_report_pages() {
  ItemPages by_sku{.sources = {"items JOIN stock_count_snapshot s ON s.session_id = ?1 AND s.item_id = items.id "
                               "WHERE items.business_id = ?2",
                               "items JOIN stock_count_entry e ON e.session_id = ?1 AND e.item_id = items.id "
                               "WHERE items.business_id = ?2"},
                   .key = "items.sku"};
  return by_sku.walk();
}

// stock_count_variance_v, restricted to one page of items. The view joins its counted side
// whole (SQLite cannot push the page's range through the LEFT JOIN into a grouped view), so
// this reads both sides of the page, unions them and groups by line: the same rows, in time
// linear in the page. tests/worker/pages.test.mjs holds pages of items (the close) equal to
// pages in sku order (the report). The index hints keep SQLite on the (session, item) indexes
// when a page is a list of items rather than a range.
std::string overtaken_by(const std::string& line, const std::string& session, const std::string& business) {
  const std::string l = line + ".";
  return "(SELECT json_array(a.session_id, a.created_at) FROM inventory_adjustment_line x "
         "INDEXED BY inventory_adjustment_line_item JOIN inventory_adjustment a ON a.id = x.adjustment_id "
         "WHERE x.business_id = " + business + " AND x.item_id = " + l + "item_id AND " + l + "counted_at IS NOT NULL "
         "AND (COALESCE(x.bin_id, '') = COALESCE(" + l + "bin_id, '') OR x.to_bin_id = " + l + "bin_id) "
         "AND COALESCE(x.batch_number, '') = COALESCE(" + l + "batch_number, '') "
         "AND COALESCE(x.serial_number, '') = COALESCE(" + l + "serial_number, '') "
         "AND a.created_at > " + l + "counted_at AND a.session_id IS NOT " + session + " "
         "AND a.location_id = (SELECT location_id FROM stock_count_session WHERE id = " + session + ") "
         "ORDER BY a.created_at DESC LIMIT 1)";
}

Statement session_variance_page(const ItemPages& pages, const json& page_params) {
  std::string line = "item_id, COALESCE(bin_id, ''), COALESCE(batch_number, ''), COALESCE(serial_number, '')";
  return {"WITH e AS (SELECT item_id, bin_id, batch_number, serial_number, task_id, counted_qty, counted_by, "
          "system_qty_at_count, counted_at, created_at, count_index, MAX(count_index) OVER (PARTITION BY " + line + ") AS latest "
          "FROM stock_count_entry INDEXED BY stock_count_entry_line WHERE session_id = ?1 AND business_id = ?2 AND " +
          pages.items_in_page() + "), "
          "lines AS (SELECT 1 AS snapshot, item_id, bin_id, batch_number, serial_number, task_id, kind, quantity AS expected_qty, "
          "NULL AS counted_qty, NULL AS entry_count, NULL AS counter_count, NULL AS system_qty_at_count, NULL AS counted_at, "
          "NULL AS stored_at FROM stock_count_snapshot INDEXED BY stock_count_snapshot_line WHERE session_id = ?1 AND business_id = ?2 AND " +
          pages.items_in_page() + " "
          "UNION ALL SELECT 0, item_id, MAX(bin_id), MAX(batch_number), MAX(serial_number), MAX(task_id), 'untracked', 0, "
          "SUM(counted_qty), COUNT(*), COUNT(DISTINCT counted_by), MAX(system_qty_at_count), MAX(counted_at), MAX(created_at) FROM e "
          "WHERE count_index = latest GROUP BY " + line + "), "
          "v AS (SELECT item_id, MAX(bin_id) AS bin_id, MAX(batch_number) AS batch_number, MAX(serial_number) AS serial_number, "
          "CASE WHEN MAX(snapshot) = 1 THEN MAX(CASE WHEN snapshot = 1 THEN task_id END) ELSE MAX(task_id) END AS task_id, "
          "CASE WHEN MAX(snapshot) = 1 THEN MAX(CASE WHEN snapshot = 1 THEN kind END) ELSE 'untracked' END AS kind, "
          "SUM(expected_qty) AS expected_qty, MAX(counted_qty) AS counted_qty, MAX(entry_count) AS entry_count, "
          "MAX(counter_count) AS counter_count, MAX(system_qty_at_count) AS system_qty_at_count, "
          "MAX(counted_at) AS counted_at, MAX(stored_at) AS stored_at FROM lines GROUP BY " + line + ") "
          "SELECT v.task_id, v.item_id, i.sku, i.avg_cost_minor, i.ns_item_id, v.bin_id, b.code AS bin, v.batch_number, "
          "v.serial_number, v.kind, v.expected_qty, v.counted_qty, v.entry_count, v.counter_count, v.system_qty_at_count, "
          "v.counted_at, " + netsuite::mirror_as_of_sql("?2", "v.stored_at") + " AS mirror_as_of, " +
          overtaken_by("v", "?1", "?2") + " AS overtaken_by "
          "FROM v JOIN items i ON i.id = v.item_id LEFT JOIN bins b ON b.id = v.bin_id "
          "ORDER BY i.sku, b.code, v.batch_number, v.serial_number",
          page_params};
}

std::string items_named(const std::string& columns, const std::string& business, const std::string& ids,
                        const std::string& skus, const std::string& gtins) {
  return "SELECT " + columns + " FROM items WHERE +business_id = " + business + " AND id IN (SELECT value FROM json_each(" +
         ids + ")) UNION SELECT " + columns + " FROM items WHERE business_id = " + business +
         " AND sku IN (SELECT value FROM json_each(" + skus + "))" +
         (gtins.empty() ? "" : " UNION SELECT " + columns + " FROM items WHERE business_id = " + business +
                                   " AND gtin IN (SELECT value FROM json_each(" + gtins + "))");
}

json session_json(const json& row) {
  json out = row;
  out.erase("count_seq");
  out["zero_uncounted"] = int_or(row, "zero_uncounted", 0) == 1;
  return out;
}

namespace {

std::string session_location(const std::string& biz) {
  return "(SELECT location_id FROM stock_count_session WHERE id = ?1 AND business_id = " + biz + ")";
}

std::string stock_lines_sql(const std::string& also, const std::string& biz) {
  return kStockLineSelect + "WHERE d.business_id = " + biz + " AND d.location_id = " + session_location(biz) + also;
}

// Where the stock of session ?1 can lie. While every scope rule names a zone or a bin, only
// placements in those bins can be in scope (lines.h in_scope: a zone or bin rule never selects
// an item-level line), so the pages leave the rest of the location out; in_scope still decides.
std::string scope_beyond_places(const std::string& biz) {
  return "EXISTS (SELECT 1 FROM stock_count_scope s WHERE s.session_id = ?1 AND s.business_id = " + biz +
         " AND s.kind NOT IN ('zone', 'bin'))";
}

// The ids of the bins that session ?1's zone and bin rules name.
std::string scoped_bins(const std::string& biz) {
  return "(SELECT b.id FROM stock_count_session ss JOIN stock_count_scope s ON s.session_id = ss.id AND s.kind = 'bin' "
         "JOIN bins b ON b.location_id = ss.location_id AND b.code = s.value WHERE ss.id = ?1 AND ss.business_id = " + biz +
         " UNION SELECT b.id FROM stock_count_session ss JOIN stock_count_scope s ON s.session_id = ss.id AND s.kind = 'zone' "
         "JOIN zones z ON z.location_id = ss.location_id AND z.code = s.value JOIN bins b ON b.zone_id = z.id "
         "WHERE ss.id = ?1 AND ss.business_id = " + biz + ")";
}

// A condition on a placement's bin column: the placement can be in the session's scope.
std::string placement_may_be_in_scope(const std::string& bin_column, const std::string& biz) {
  return "(" + scope_beyond_places(biz) + " OR " + bin_column + " IN " + scoped_bins(biz) + ")";
}

}  // namespace

ItemPages session_stock_pages(const std::string& biz) {
  std::string at = "business_id = " + biz + " AND location_id = " + session_location(biz);
  return {.sources = {"inventory_detail WHERE " + at + " AND " + placement_may_be_in_scope("bin_id", biz),
                      "inventory_balance WHERE " + at + " AND " + scope_beyond_places(biz),
                      // Unconfirmed placements in the scope's bins count too (kExpectedPlacements).
                      "inventory_ledger WHERE " + at + " AND mirrored_at IS NULL AND NOT " + scope_beyond_places(biz) +
                          " AND bin_id IN " + scoped_bins(biz)},
          .business = biz,
          .cursor = run_cursor_sql(biz)};
}

Statement session_stock_page(const ItemPages& pages, const json& page_params) {
  return {stock_lines_sql(" AND " + pages.range("d.item_id") + " AND " + placement_may_be_in_scope("d.bin_id", pages.business),
                          pages.business),
          page_params};
}

std::string expected_line_qty(const std::string& business, const std::string& location, const std::string& item,
                              const std::string& bin, const std::string& batch, const std::string& serial) {
  auto line = [&](const char* t) {
    return std::string(t) + ".business_id = " + business + " AND " + t + ".location_id = " + location + " AND " + t +
           ".item_id = " + item + " AND COALESCE(" + t + ".bin_id, '') = COALESCE(" + bin + ", '') AND COALESCE(" + t +
           ".batch_number, '') = COALESCE(" + batch + ", '') AND COALESCE(" + t + ".serial_number, '') = COALESCE(" +
           serial + ", '')";
  };
  // The view's second half counts unmirrored ledger rows only where the item is placed at the
  // location; callers use this where it is (store.h "What a count compares with").
  return "((SELECT COALESCE(SUM(d.quantity), 0) FROM inventory_detail d WHERE " + line("d") +
         ") + (SELECT COALESCE(SUM(g.quantity_change), 0) FROM inventory_ledger g WHERE g.mirrored_at IS NULL AND " +
         line("g") + "))";
}

std::string unconfirmed_item_change(const std::string& business, const std::string& location, const std::string& item) {
  return "(SELECT COALESCE(SUM(g.quantity_change), 0) FROM inventory_ledger g WHERE g.business_id = " + business +
         " AND g.location_id = " + location + " AND g.item_id = " + item + " AND g.mirrored_at IS NULL)";
}

namespace {

std::string balances_sql(const std::string& also, const std::string& biz) {
  return "SELECT ib.item_id, i.sku, i.category, i.brand, i.tracking, ib.quantityonhand + " +
              unconfirmed_item_change("ib.business_id", "ib.location_id", "ib.item_id") +
              " AS quantityonhand, "
              // kExpectedPlacements summed for the item, by index (the view per row would be materialised
              // whole): its placements, plus the unconfirmed change where it is placed at all.
              "(SELECT COALESCE(SUM(d.quantity), 0) FROM inventory_detail d WHERE d.business_id = ib.business_id "
              "AND d.location_id = ib.location_id AND d.item_id = ib.item_id) + CASE WHEN EXISTS (SELECT 1 FROM "
              "inventory_detail x WHERE x.business_id = ib.business_id AND x.location_id = ib.location_id AND "
              "x.item_id = ib.item_id) THEN " + unconfirmed_item_change("ib.business_id", "ib.location_id", "ib.item_id") +
              " ELSE 0 END AS detail_sum, (SELECT COUNT(*) FROM inventory_detail d WHERE d.business_id = ib.business_id "
          "AND d.location_id = ib.location_id AND d.item_id = ib.item_id) "
          "AS detail_rows "
          "FROM inventory_balance ib JOIN items i ON i.id = ib.item_id "
          "WHERE ib.business_id = " + biz + " AND ib.location_id = " + session_location(biz) + also;
}

}  // namespace

Statement session_balance_page(const json& page_params, const std::string& biz) {
  return {balances_sql(" AND " + session_stock_pages(biz).range("ib.item_id") + " AND " + scope_beyond_places(biz), biz),
          page_params};
}

Statement session_scopes(const BusinessScope& business, const std::string& session_id) {
  return {"SELECT id, session_id, kind, value, created_at FROM stock_count_scope "
          "WHERE session_id = ?1 AND business_id = " + business.sql(2) + " ORDER BY created_at, id",
          json::array({session_id, business.bound()})};
}

Statement session_entries_counted(const BusinessScope& business, const std::string& session_id) {
  // By session: SQLite would count every entry of the business on (business, task).
  return {"SELECT COUNT(*) AS n FROM stock_count_entry INDEXED BY stock_count_entry_line "
          "WHERE session_id = ?1 AND business_id = " + business.sql(2),
          json::array({session_id, business.bound()})};
}

json task_json(const json& row) { return row; }

const std::string& entry_columns() {
  static const std::string columns =
      "e.id, e.session_id, e.task_id, e.item_id, i.sku, e.bin_id, b.code AS bin, e.batch_number, e.serial_number, "
      "e.counted_qty, e.system_qty_at_count, e.client_entry_id, e.counted_by, e.counted_at, e.count_index, e.updated_at, "
      "e.barcode, e.uom, e.uom_qty, " +
      netsuite::mirror_as_of_sql("e.business_id", "e.created_at") + " AS mirror_as_of";
  return columns;
}

json entry_json(const json& row) {
  json out = row;
  out["counted_qty"] = qty_json(int_or(row, "counted_qty", 0));
  out["system_qty_at_count"] = qty_json(int_or(row, "system_qty_at_count", 0));
  if (const json* in_uom = member(row, "uom_qty"); in_uom && in_uom->is_number_integer()) {
    int64_t uom_qty = in_uom->get<int64_t>();
    out["uom_qty"] = qty_json(uom_qty);
    // "2 × CASE (12)": the unit's factor is what the count holds per unit counted.
    int64_t factor = uom_qty > 0 ? int_or(row, "counted_qty", 0) * kQtyScale / uom_qty : 0;
    out["pack"] = scan::pack_text(uom_qty, {string_or(row, "uom", ""), factor});
  }
  return out;
}

std::vector<Statement> bulk_rows(const std::string& sql, json rows, const json& fixed) {
  std::vector<Statement> out;
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < rows.size(); start += kChunk) {
    // The chunk travels as an array parameter, bound as its JSON text by the shell (turn.h).
    json chunk = json::array();
    auto& moved = chunk.get_ref<json::array_t&>();
    size_t end = std::min(rows.size(), start + kChunk);
    moved.reserve(end - start);
    for (size_t i = start; i < end; ++i) moved.push_back(std::move(rows[i]));
    json params = fixed;
    params.push_back(std::move(chunk));
    out.push_back({sql, std::move(params)});
  }
  return out;
}

std::vector<Statement> BulkInsert::statements(json rows, const json& fixed_params) const {
  std::string columns, values;
  for (const auto& [column, sql] : fixed) {
    columns += (columns.empty() ? "" : ", ") + column;
    values += (values.empty() ? "" : ", ") + sql;
  }
  for (std::string_view name : fields.names()) {
    columns += (columns.empty() ? "" : ", ") + std::string(name);
    values += (values.empty() ? "" : ", ") + fields.sql(name);
  }
  return bulk_rows("INSERT INTO " + table + " (" + columns + ") SELECT " + values + " FROM json_each(?" +
                       std::to_string(fixed_params.size() + 1) + ")",
                   std::move(rows), fixed_params);
}

json text_or_null(const std::string& value) { return value.empty() ? json() : json(value); }

std::string new_id(const Ctx& ctx, std::string_view prefix, int serial) { return make_id(prefix, ctx.nonce, serial); }

std::optional<json> session_problem(const json& d1_result, size_t statement_index) {
  if (!d1_ok(d1_result)) return storage_failure(d1_error(d1_result));
  if (rows_of(d1_result, statement_index).empty()) return not_found("stock-count session");
  return std::nullopt;
}

}  // namespace core::stock_count
