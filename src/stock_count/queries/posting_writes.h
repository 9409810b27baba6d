#pragma once
// The statements that post one planned adjustment: the inventory_adjustment,
// its lines and its inventory_ledger rows (not yet mirrored). The booking
// (pipeline/booking.h) adds its outbox row; all go into the caller's batch, so
// they commit together with the decision that caused them, or none does.
#include <string>
#include <vector>

#include "request.h"
#include "stock_count/posting.h"
#include "turn.h"

namespace core::stock_count {

struct AdjustmentOrigin {
  std::string business_id;
  std::string location_id;
  std::string ns_location_id;
  std::string session_id;          // "" when none
  std::string proposed_action_id;  // "" when none
  std::string reason;              // cycle_count_auto | cycle_count_approved | cycle_count_reversal
  std::string memo;                // shown on the NetSuite record
  std::string created_by;
  std::string now;
  std::string reverses_adjustment_id = "";  // the booked adjustment a reversal undoes
  std::string reason_code = "";            // reason_codes.h; "" : none (a stock-count posting)
};

struct BookedRows {
  std::string adjustment_id;
  std::vector<Statement> statements;
};
BookedRows adjustment_statements(const AdjustmentOrigin& origin, const PlannedAdjustment& adjustment, IdMaker& ids);

// Posted adjustments with their lines and outbox state; `condition` uses ?2
// for `value` (?1 is the business).
Statement adjustments_where(const BusinessScope& business, const std::string& condition, const std::string& value);
// Those rows as the API shows them (posting shape of API.md).
json adjustments_json(const json& rows);

}  // namespace core::stock_count
