#include "pipeline/queries/session_reversal.h"

#include "pipeline/queries/reflexion.h"
#include "pipeline/booking.h"
#include "stock_count/queries/store.h"

namespace core::pipeline {

Statement booked_adjustments(const BusinessScope& business, const std::string& session_id) {
  return {"SELECT a.id, a.direction, a.idempotency_key, a.location_id, l.ns_location_id, p.external_id, "
          "p.status AS push_status, (SELECT json_group_array(json_object('item_id', x.item_id, 'bin_id', x.bin_id, "
          "'bin', fb.code, 'to_bin_id', x.to_bin_id, 'to_bin', tb.code, "
          "'batch_number', x.batch_number, 'serial_number', x.serial_number, 'quantity', x.quantity, "
          "'unit_cost_minor', x.unit_cost_minor, 'sku', i.sku, 'ns_item_id', i.ns_item_id)) "
          "FROM inventory_adjustment_line x JOIN items i ON i.id = x.item_id LEFT JOIN bins fb ON fb.id = x.bin_id "
          "LEFT JOIN bins tb ON tb.id = x.to_bin_id WHERE x.adjustment_id = a.id) AS lines "
          "FROM inventory_adjustment a JOIN locations l ON l.id = a.location_id "
          "LEFT JOIN ns_pending_pushes p ON p.adjustment_id = a.id "
          "WHERE a.business_id = " + business.sql(1) + " AND a.session_id = ?2 AND a.reverses_adjustment_id IS NULL "
          "AND NOT EXISTS (SELECT 1 FROM inventory_adjustment r WHERE r.reverses_adjustment_id = a.id) "
          "ORDER BY a.created_at, a.id",
          json::array({business.bound(), session_id})};
}

std::string booked_list(const json& rows) {
  std::string out;
  for (size_t i = 0; i < rows.size() && i < 10; ++i) {
    const json& r = rows[i];
    out += (i ? ", " : "") + string_or(r, "id", "?") + " (" + string_or(r, "direction", "?") + ", NetSuite " +
           string_or(r, "external_id", "?") + " " + string_or(r, "push_status", "?") + ")";
  }
  if (rows.size() > 10) out += " and " + std::to_string(rows.size() - 10) + " more";
  return out;
}

std::vector<Statement> reversal_statements(const std::string& business_id, const json& session_row, const json& rows,
                                           const DecisionBy& rejection, const std::string& now, IdMaker& ids) {
  const std::string& actor = rejection.decided_by;
  const std::string& reason_note = rejection.reason_note;
  std::string session_id = string_or(session_row, "id", "");
  std::vector<Statement> out;
  std::vector<ReflexionEntry> log;
  for (const auto& row : rows) {
    std::string original = string_or(row, "id", "");
    std::string direction = string_or(row, "direction", "");
    bool was_increase = direction == "INCREASE", was_move = direction == "TRANSFER";
    stock_count::PlannedAdjustment reversal{.direction = was_move ? "TRANSFER" : was_increase ? "DECREASE" : "INCREASE",
                                            .idempotency_key = string_or(row, "idempotency_key", "") + ":reversal",
                                            .lines = {}};
    auto lines = parse_json(string_or(row, "lines", "[]"));
    for (const auto& l : lines ? *lines : json::array()) {
      int64_t quantity = int_or(l, "quantity", 0);
      stock_count::PostingLine undo{.item_id = string_or(l, "item_id", ""), .bin_id = string_or(l, "bin_id", ""),
                                    .batch_number = string_or(l, "batch_number", ""),
                                    .serial_number = string_or(l, "serial_number", ""),
                                    .delta = was_increase ? -quantity : quantity,
                                    .unit_cost_minor = int_or(l, "unit_cost_minor", 0),
                                    .sku = string_or(l, "sku", ""), .ns_item_id = string_or(l, "ns_item_id", ""),
                                    .bin_code = string_or(l, "bin", "")};
      if (was_move) {  // a move back: from where the stock went to where it came from
        undo.to_bin_id = undo.bin_id;
        undo.to_bin_code = undo.bin_code;
        undo.bin_id = string_or(l, "to_bin_id", "");
        undo.bin_code = string_or(l, "to_bin", "");
      }
      reversal.lines.push_back(std::move(undo));
    }
    stock_count::AdjustmentOrigin origin{
        .business_id = business_id, .location_id = string_or(row, "location_id", ""),
        .ns_location_id = string_or(row, "ns_location_id", ""), .session_id = session_id,
        .reason = "cycle_count_reversal",
        .memo = "Cycle count " + session_id + " rejected by " + actor + ": reverses " + string_or(row, "external_id", original) +
                "; " + rejection.memo_reason,
        .created_by = actor, .now = now, .reverses_adjustment_id = original, .reason_code = rejection.reason_code};
    auto writes = book_adjustment(origin, reversal, ids);
    out.insert(out.end(), writes.begin(), writes.end());
    log.push_back({.id = ids.next("rfx"), .tag = "reversed",
                   .reason = (reason_note.empty() ? "rejected by " + actor : reason_note) + " [" + rejection.reason_code + "]",
                   .approved_by = actor,
                   .ref_type = "inventory_adjustment", .ref_id = original,
                   .numbers = {{"session_id", session_id}, {"lines", reversal.lines.size()}}});
  }
  auto logged = reflexion_inserts(business_id, now, log);
  out.insert(out.end(), logged.begin(), logged.end());
  return out;
}

}  // namespace core::pipeline
