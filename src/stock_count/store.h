#pragma once
// D1 access of the stock-count module: the statements its routes share and the
// JSON shapes of its rows (API.md "Row shapes").
#include <string>
#include <vector>

#include "request.h"
#include "turn.h"

namespace core::stock_count {

inline constexpr const char* kSessionColumns =
    "id, location_id, type, status, name, source, week_key, zone_id, zero_uncounted, created_by, created_at, "
    "started_at, closed_at, approved_at, approved_by, posted_at, rejected_at, reject_reason, updated_at";

Statement load_session(const Ctx& ctx, const std::string& session_id);
Statement load_session_of(const std::string& business_id, const std::string& session_id);

// The session's stock_count_variance_v lines with sku, bin code, cost and NetSuite item id.
Statement session_variance_rows(const std::string& business_id, const std::string& session_id);
json session_json(const json& row);

// SELECT … FROM for StockLine rows (stock_lines_from_rows): placements with item, bin and zone.
inline constexpr const char* kStockLineSelect =
    "SELECT d.item_id, i.sku, i.category, i.brand, i.tracking, d.bin_id, b.code AS bin_code, z.code AS zone_code, "
    "d.batch_number, d.serial_number, d.quantity FROM inventory_detail d JOIN items i ON i.id = d.item_id "
    "LEFT JOIN bins b ON b.id = d.bin_id LEFT JOIN zones z ON z.id = b.zone_id ";

// Placement lines and balances of the session's location, for scopes and snapshots.
Statement session_stock_lines(const Ctx& ctx, const std::string& session_id);
Statement session_balances(const Ctx& ctx, const std::string& session_id);
Statement session_scopes(const Ctx& ctx, const std::string& session_id);

json task_json(const json& row);
inline constexpr const char* kTaskColumns =
    "t.id, t.session_id, t.name, t.strategy, t.zone_code, t.bin_code, t.category, t.assignee, t.status, "
    "t.count_index, t.created_at, t.updated_at, "
    "(SELECT COUNT(*) FROM stock_count_snapshot s WHERE s.task_id = t.id) AS line_count";

json entry_json(const json& row);
inline constexpr const char* kEntryColumns =
    "e.id, e.session_id, e.task_id, e.item_id, i.sku, e.bin_id, b.code AS bin, e.batch_number, e.serial_number, "
    "e.counted_qty, e.system_qty_at_count, e.client_entry_id, e.counted_by, e.counted_at, e.count_index, e.updated_at";
inline constexpr const char* kEntryFrom =
    "stock_count_entry e JOIN items i ON i.id = e.item_id LEFT JOIN bins b ON b.id = e.bin_id";

// Inserts rows given as arrays through json_each, 500 rows per statement
// (one bound JSON string each, well inside D1's parameter limits).
// `select_list` reads each row as value ->> '$[i]'; ?1 and ?2 are `fixed` values.
std::vector<Statement> bulk_insert(const std::string& insert_head, const std::string& select_list,
                                   const json& rows, const json& fixed);

// A text column's value: NULL for an empty string.
json text_or_null(const std::string& value);

// The nonce-based id of the n-th new row of this turn.
std::string new_id(const Ctx& ctx, std::string_view prefix, int serial);

// A missing/unknown session → 404, a storage failure → 503; nullopt when the row is there.
std::optional<json> session_problem(const json& d1_result, size_t statement_index);

}  // namespace core::stock_count
