#include "pipeline/queries/count_candidates.h"

#include "stock_count/lifecycle.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"

namespace core::pipeline {

namespace {

// An open session of the balance's location already counts the item: a snapshot line of it, or
// a product scope naming it (an item with nothing placed has no line).
std::string counted_already() {
  return "EXISTS (SELECT 1 FROM stock_count_session s WHERE s.business_id = b.business_id AND s.location_id = b.location_id "
         "AND s.status IN (" + stock_count::status_sql(stock_count::SessionStatus::kDraft) + ", " +
         stock_count::status_sql(stock_count::SessionStatus::kActive) + ") AND (EXISTS (SELECT 1 FROM stock_count_snapshot n "
         "WHERE n.session_id = s.id AND n.item_id = b.item_id) OR EXISTS (SELECT 1 FROM stock_count_scope c "
         "WHERE c.session_id = s.id AND c.kind = 'product' AND c.value = b.item_id)))";
}

}  // namespace

Statement candidate_rows(const BusinessScope& business, const std::string& location_id) {
  return {"SELECT b.location_id, l.code AS location_code, b.item_id, i.sku, i.name AS item_name, b.quantityonhand AS on_hand, "
          "(SELECT json_group_array(json_object('bin', bn.code, 'quantity', d.quantity)) FROM inventory_detail d "
          "LEFT JOIN bins bn ON bn.id = d.bin_id WHERE d.business_id = b.business_id AND d.location_id = b.location_id "
          "AND d.item_id = b.item_id AND d.quantity > 0) AS placed "
          "FROM inventory_balance b INDEXED BY inventory_balance_short JOIN items i ON i.id = b.item_id "
          "JOIN locations l ON l.id = b.location_id "
          "WHERE b.business_id = " + business.sql(1) + " AND b.quantityonhand <= 0 AND (?2 = '' OR b.location_id = ?2) "
          "AND i.active = 1 AND NOT " + counted_already() + " ORDER BY l.code, i.sku LIMIT " + std::to_string(kMaxCandidates),
          json::array({business.bound(), location_id})};
}

Statement candidate_location(const BusinessScope& business, const std::string& location_id) {
  return {"SELECT id, code, ns_location_id FROM locations WHERE id = ?1 AND business_id = " + business.sql(2),
          json::array({location_id, business.bound()})};
}

Statement candidate_stock_lines(const BusinessScope& business, const std::string& location_id) {
  return {stock_count::kStockLineSelect + "WHERE d.business_id = " + business.sql(1) + " AND d.location_id = ?2 AND d.item_id IN "
          "(SELECT item_id FROM inventory_balance INDEXED BY inventory_balance_short WHERE business_id = " + business.sql(1) +
          " AND location_id = ?2 AND quantityonhand <= 0)",
          json::array({business.bound(), location_id})};
}

Statement candidates_not_taken(const std::string& business_id, const std::string& location_id, const json& item_ids) {
  return guard_exists("the items are in an open session already",
                      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM stock_count_session s JOIN stock_count_scope c ON "
                      "c.session_id = s.id AND c.kind = 'product' WHERE s.business_id = ?2 AND s.location_id = ?3 AND "
                      "s.status IN (" + stock_count::status_sql(stock_count::SessionStatus::kDraft) + ", " +
                          stock_count::status_sql(stock_count::SessionStatus::kActive) +
                          ") AND c.value IN (SELECT value FROM json_each(?4)))",
                      json::array({business_id, location_id, item_ids.dump()}));
}

OpenedSession open_trigger_session(const TriggerOpening& o, const json& line_rows, IdMaker& ids) {
  ActiveOpening opening{.business_id = o.business_id, .location_id = o.location_id,
                        .name = "Stock check " + o.location_code + " (" + std::to_string(o.item_ids.size()) +
                                (o.item_ids.size() == 1 ? " item)" : " items)"),
                        .week_key = o.week_key, .trigger_reason = o.reason, .created_by = o.created_by, .now = o.now};
  for (const auto& id : o.item_ids) opening.rules.push_back({"product", id});
  return open_active_session(opening, line_rows, ids);
}

}  // namespace core::pipeline
