#include "stock_count/queries/posting_writes.h"

#include "quantity.h"
#include "stock_count/queries/store.h"

namespace core::stock_count {

namespace {

const BulkInsert kAdjustmentLines{
    "inventory_adjustment_line", {{"business_id", "?1"}, {"adjustment_id", "?2"}},
    {"id", "item_id", "bin_id", "batch_number", "serial_number", "quantity", "unit_cost_minor", "to_bin_id"}};

// Not yet mirrored: mirrored_at stays NULL until NetSuite confirms (confirmation_writes.h).
const BulkInsert kLedgerRows{
    "inventory_ledger",
    {{"business_id", "?1"}, {"location_id", "?2"}, {"reason", "?3"}, {"ref_type", "'inventory_adjustment'"},
     {"ref_id", "?4"}, {"created_at", "?5"}, {"reason_code", "?6"}},
    {"id", "item_id", "bin_id", "batch_number", "serial_number", "quantity_change"}};

}  // namespace

Statement adjustments_where(const BusinessScope& business, const std::string& condition, const std::string& value) {
  return {"SELECT a.id, a.direction, a.reason, a.reason_code, a.session_id, a.proposed_action_id, a.idempotency_key, a.created_at, "
          "a.created_by, (SELECT json_group_array(json_object('item_id', l.item_id, 'bin_id', l.bin_id, "
          "'to_bin_id', l.to_bin_id, 'batch_number', l.batch_number, 'serial_number', l.serial_number, "
          "'quantity', l.quantity, 'unit_cost_minor', l.unit_cost_minor)) FROM inventory_adjustment_line l WHERE l.adjustment_id = a.id) AS lines, "
          "p.id AS push_id, p.external_id, p.status AS push_status "
          "FROM inventory_adjustment a LEFT JOIN ns_pending_pushes p ON p.adjustment_id = a.id "
          "WHERE a.business_id = " + business.sql(1) + " AND " + condition + " ORDER BY a.created_at, a.direction DESC, a.id",
          json::array({business.bound(), value})};
}

json adjustments_json(const json& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json p = r;
    auto lines = parse_json(string_or(r, "lines", "[]"));
    p["lines"] = lines ? *lines : json::array();
    for (auto& l : p["lines"]) l["quantity"] = qty_json(int_or(l, "quantity", 0));
    out.push_back(std::move(p));
  }
  return out;
}

BookedRows adjustment_statements(const AdjustmentOrigin& origin, const PlannedAdjustment& adjustment, IdMaker& ids) {
  std::string adj_id = ids.next("adj");
  const std::string& biz = origin.business_id;
  std::vector<Statement> out = {
      {"INSERT INTO inventory_adjustment (id, business_id, location_id, session_id, proposed_action_id, direction, "
       "reason, idempotency_key, created_by, created_at, reverses_adjustment_id, reason_code) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
       json::array({adj_id, biz, origin.location_id, text_or_null(origin.session_id),
                    text_or_null(origin.proposed_action_id), adjustment.direction, origin.reason,
                    adjustment.idempotency_key, origin.created_by, origin.now,
                    text_or_null(origin.reverses_adjustment_id), text_or_null(origin.reason_code)})}};
  json line_rows = json::array(), ledger_rows = json::array();
  for (const auto& l : adjustment.lines) {
    int64_t magnitude = l.delta < 0 ? -l.delta : l.delta;
    line_rows.push_back(kAdjustmentLines.fields.row(
        {{"id", ids.next("adl")}, {"item_id", l.item_id}, {"bin_id", text_or_null(l.bin_id)},
         {"batch_number", text_or_null(l.batch_number)}, {"serial_number", text_or_null(l.serial_number)},
         {"quantity", magnitude}, {"unit_cost_minor", l.unit_cost_minor}, {"to_bin_id", text_or_null(l.to_bin_id)}}));
    // A move leaves its bin and arrives in the other: two ledger rows that net to zero.
    ledger_rows.push_back(kLedgerRows.fields.row(
        {{"id", ids.next("led")}, {"item_id", l.item_id}, {"bin_id", text_or_null(l.bin_id)},
         {"batch_number", text_or_null(l.batch_number)}, {"serial_number", text_or_null(l.serial_number)},
         {"quantity_change", is_move(l) ? -magnitude : l.delta}}));
    if (is_move(l)) {
      ledger_rows.push_back(kLedgerRows.fields.row(
          {{"id", ids.next("led")}, {"item_id", l.item_id}, {"bin_id", l.to_bin_id},
           {"batch_number", text_or_null(l.batch_number)}, {"serial_number", text_or_null(l.serial_number)},
           {"quantity_change", magnitude}}));
    }
  }
  auto lines_sql = kAdjustmentLines.statements(std::move(line_rows), json::array({biz, adj_id}));
  auto ledger_sql = kLedgerRows.statements(std::move(ledger_rows),
                                           json::array({biz, origin.location_id, origin.reason, adj_id, origin.now,
                                                        text_or_null(origin.reason_code)}));
  out.insert(out.end(), lines_sql.begin(), lines_sql.end());
  out.insert(out.end(), ledger_sql.begin(), ledger_sql.end());
  return {adj_id, std::move(out)};
}

}  // namespace core::stock_count
