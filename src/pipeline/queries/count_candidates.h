#pragma once
// The statements behind counts triggered by stock (pipeline/count_candidates.h): the candidate
// rows of a business (or one location), the stock lines of a location's candidates, and the
// session that counts them, opened ACTIVE in one batch like the weekly zone's.
#include <string>
#include <vector>

#include "business_scope.h"
#include "pipeline/queries/weekly_session.h"
#include "query.h"

namespace core::pipeline {

inline constexpr size_t kMaxCandidates = 500;

// Balances at or below zero of active items not already in an open session at their location,
// oldest location code and sku first: location_id, location_code, item_id, sku, item_name,
// on_hand, placed (JSON [{ bin, quantity }] of the placements holding stock). candidate_json
// decides which are candidates. `location_id` "" : every location.
Statement candidate_rows(const BusinessScope& business, const std::string& location_id);
// The location's row (id, code, ns_location_id) in the business, to open a session there.
Statement candidate_location(const BusinessScope& business, const std::string& location_id);
// The placed stock (stock_count::StockLine rows) of the location's items at or below zero.
Statement candidate_stock_lines(const BusinessScope& business, const std::string& location_id);

// In a stock check's write batch, first: fails the batch when one of `item_ids` (a JSON list) is in
// an open session at the location meanwhile (a second open, or a tick at the same time).
Statement candidates_not_taken(const std::string& business_id, const std::string& location_id, const json& item_ids);

struct TriggerOpening {
  std::string business_id, location_id, location_code;
  std::vector<std::string> item_ids;  // the candidates
  std::string reason;                 // what the session says of them (one line per item)
  std::string week_key;               // the ISO week it opens in: the next week's tick closes it
  std::string created_by, now;
};
OpenedSession open_trigger_session(const TriggerOpening& opening, const json& line_rows, IdMaker& ids);

}  // namespace core::pipeline
