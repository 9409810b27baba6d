#pragma once
// The posting plan of a session: its non-zero variances grouped by direction
// into one inventory_adjustment each (INCREASE / DECREASE), with one line and
// one ledger row per stock line. Keys are derived from the session, so a
// repeated or concurrent post can only ever produce the same adjustments.
#include <string>
#include <vector>

namespace core::stock_count {

struct PostingLine {
  std::string item_id, bin_id, batch_number, serial_number;
  int64_t delta = 0;            // thousandths; sign gives the direction
  int64_t unit_cost_minor = 0;
};

struct PlannedAdjustment {
  std::string direction;        // INCREASE | DECREASE
  std::string idempotency_key;  // stock-count:<session>:<direction>
  std::vector<PostingLine> lines;
};

std::vector<PlannedAdjustment> plan_posting(const std::string& session_id, const std::vector<PostingLine>& lines);

}  // namespace core::stock_count
