#pragma once
// D1 access of the stock-count module: the statements its routes share and the
// JSON shapes of its rows (API.md "Row shapes").
#include <string>
#include <vector>

#include "query.h"
#include "request.h"
#include "stock_count/queries/item_pages.h"
#include "turn.h"

namespace core::stock_count {

// source: "trigger" for a session stock opened (trigger_reason says why; migration 0015).
inline constexpr const char* kSessionColumns =
    "id, location_id, type, status, name, CASE WHEN trigger_reason IS NULL THEN source ELSE 'trigger' END AS source, "
    "trigger_reason, week_key, zone_id, zero_uncounted, created_by, created_at, "
    "started_at, closed_at, approved_at, approved_by, posted_at, rejected_at, reject_reason, updated_at, run_kind, "
    "count_seq";

// Items named by id, by sku or (`gtins` given: lines with barcodes) by GTIN (JSON arrays bound at
// `ids` / `skus` / `gtins`), each name found through its own index — an OR of them would scan
// every item of the business.
std::string items_named(const std::string& columns, const std::string& business, const std::string& ids,
                        const std::string& skus, const std::string& gtins = "");

Statement load_session(const Ctx& ctx, const std::string& session_id);
Statement load_session_of(const std::string& business_id, const std::string& session_id);
Statement load_session_in(const BusinessScope& business, const std::string& session_id);

// The session's stock_count_variance_v lines with sku, bin code, cost and NetSuite item id,
// for one page of the session's items (snapshot and counted), ordered by sku, bin, batch, serial.
// The close goes by item_id with its run's cursor; the variance report walks in sku order.
// Each counted line carries counted_at and overtaken_by: [session, booked_at] of the latest
// adjustment another session booked on its shelf (item, bin — either end of a move —, lot,
// serial) after the line was counted, or NULL (pipeline/variance_workflow.h: outdated).
ItemPages session_line_pages(const std::string& biz = "?2");
ItemPages session_report_pages();
Statement session_variance_page(const ItemPages& pages, const json& page_params);
// That subquery for the line aliased `line`, with the session and business parameters named.
std::string overtaken_by(const std::string& line, const std::string& session, const std::string& business);
json session_json(const json& row);

// A write of session ?'s entries (a new count or a corrected one) begins its batch with these:
// count_seq moves on while the session counts (ACTIVE, no page run), else the batch fails on a
// guard. The close changes the status only while count_seq is what it read with the entries
// it judged (migration 0007), so no count is both accepted and left out of the close.
std::vector<Statement> entries_change(const std::string& business_id, const std::string& session_id);
// Fails the batch unless session's count_seq still is `seen` (the close's guard).
Statement entries_unchanged(const std::string& business_id, const std::string& session_id, int64_t seen);

// What a count compares with (DESIGN.md "Rules that keep it right", counts that stay right): the
// mirror plus the ledger rows of adjustments NetSuite has not confirmed yet
// (inventory_ledger.mirrored_at IS NULL), so an adjustment waiting for its push
// is never booked again by the next count. A placed item (one with
// inventory_detail rows at the location) is expected per placement line; an
// item without placements per its balance — as the mirror applies them.
//
// Placements as inventory_detail columns (business_id, location_id, item_id,
// bin_id, batch_number, serial_number, quantity), unconfirmed lines included.
inline constexpr const char* kExpectedPlacements =
    "(SELECT business_id, location_id, item_id, bin_id, batch_number, serial_number, quantity FROM inventory_detail "
    "UNION ALL SELECT g.business_id, g.location_id, g.item_id, g.bin_id, g.batch_number, g.serial_number, "
    "g.quantity_change FROM inventory_ledger g WHERE g.mirrored_at IS NULL AND EXISTS (SELECT 1 FROM inventory_detail x "
    "WHERE x.business_id = g.business_id AND x.location_id = g.location_id AND x.item_id = g.item_id))";
// "(…)": the expected quantity of one line (kExpectedPlacements summed for one item, bin, batch and
// serial at one location), as direct index lookups — for a per-row expression, where the planner
// would otherwise materialise the whole view for every row. All arguments are SQL expressions.
std::string expected_line_qty(const std::string& business, const std::string& location, const std::string& item,
                              const std::string& bin, const std::string& batch, const std::string& serial);
// "(SELECT …)": the unconfirmed change of one item at one location, given as SQL expressions.
std::string unconfirmed_item_change(const std::string& business, const std::string& location, const std::string& item);

// SELECT … FROM for StockLine rows (stock_lines_from_rows): expected placements with item, bin and zone.
inline const std::string kStockLineSelect =
    std::string("SELECT d.item_id, i.sku, i.category, i.brand, i.tracking, d.bin_id, b.code AS bin_code, "
                "z.code AS zone_code, d.batch_number, d.serial_number, d.quantity FROM ") +
    kExpectedPlacements + " d JOIN items i ON i.id = d.item_id LEFT JOIN bins b ON b.id = d.bin_id "
    "LEFT JOIN zones z ON z.id = b.zone_id ";

// The session location's placement lines and balances a page at a time (item_pages.h): pages
// over the location's items that have placements or balances — only placements in the scope's
// bins while every scope rule names a zone or a bin. The snapshot goes with its run's cursor;
// task generation walks them with a bound one (cursor "?3").
// `biz` is the SQL that names the business: BusinessScope::sql(2), ?2 itself once the token is checked.
ItemPages session_stock_pages(const std::string& biz = "?2");
Statement session_stock_page(const ItemPages& pages, const json& page_params);
Statement session_balance_page(const json& page_params, const std::string& biz = "?2");
Statement session_scopes(const BusinessScope& business, const std::string& session_id);
// SELECT n: the entries counted in the session.
Statement session_entries_counted(const BusinessScope& business, const std::string& session_id);
// Rows of a session page for about `page_lines` lines (COUNT_PAGE_LINES): a counted line is
// read from both the snapshot and the entries, so about twice as many.
inline int64_t session_page_rows(int64_t page_lines) { return 2 * page_lines; }

json task_json(const json& row);
inline constexpr const char* kTaskColumns =
    "t.id, t.session_id, t.name, t.strategy, t.zone_code, t.bin_code, t.category, t.assignee, t.status, "
    "t.count_index, t.created_at, t.updated_at, "
    "(SELECT COUNT(*) FROM stock_count_snapshot s WHERE s.task_id = t.id) AS line_count";

json entry_json(const json& row);
// An entry's columns; mirror_as_of: when NetSuite last set the mirror its system_qty_at_count was
// read from (the business's latest done sync before the entry was stored), NULL without a sync.
const std::string& entry_columns();
inline constexpr const char* kEntryFrom =
    "stock_count_entry e JOIN items i ON i.id = e.item_id LEFT JOIN bins b ON b.id = e.bin_id";

// A bulk INSERT through json_each, 500 rows per statement (one bound JSON string each, well
// inside D1's parameter limits), its columns named once: `fixed` columns take an SQL expression
// (a bound ?n of `fixed_params`, a literal, a subquery), the others a field of each row (`fields`).
struct BulkInsert {
  std::string table;
  std::vector<std::pair<std::string, std::string>> fixed;
  RowFields fields;
  std::vector<Statement> statements(json rows, const json& fixed_params) const;
};
// The same chunks for a statement of its own shape: `sql` reads the chunk's JSON as
// ?<fixed.size() + 1> (e.g. a CTE over json_each that names each column once). The rows move
// into the chunks: pass std::move(rows) where they are not needed after.
std::vector<Statement> bulk_rows(const std::string& sql, json rows, const json& fixed);

// A text column's value: NULL for an empty string.
json text_or_null(const std::string& value);

// The nonce-based id of the n-th new row of this turn.
std::string new_id(const Ctx& ctx, std::string_view prefix, int serial);

// A missing/unknown session → 404, a storage failure → 503; nullopt when the row is there.
std::optional<json> session_problem(const json& d1_result, size_t statement_index);

}  // namespace core::stock_count
