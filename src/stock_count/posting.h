#pragma once
// A posting plan: non-zero stock-line deltas grouped by direction into one
// inventory_adjustment each (INCREASE / DECREASE), with one line and one
// ledger row per stock line. Keys are derived from what is posted (a session's
// automatic adjustments, an approved proposal), so a repeated or concurrent
// post can only ever produce the same adjustments.
#include <string>
#include <string_view>
#include <vector>

namespace core::stock_count {

// A stock line's change; with to_bin_id, a move of `delta` (> 0) from bin_id to
// to_bin_id that leaves the item's on-hand at the location as it was.
struct PostingLine {
  std::string item_id, bin_id, batch_number, serial_number;
  int64_t delta = 0;            // thousandths; sign gives the direction
  int64_t unit_cost_minor = 0;
  std::string sku, ns_item_id;  // for the event and the NetSuite payload
  std::string to_bin_id = {};
  std::string bin_code = {}, to_bin_code = {};  // the bins as NetSuite's binTransfer names them
};

inline bool is_move(const PostingLine& l) { return !l.to_bin_id.empty(); }

// The adjustment a line belongs to: TRANSFER (a move), INCREASE or DECREASE ("" for no change).
inline std::string_view direction_of(const PostingLine& l) {
  return is_move(l) ? "TRANSFER" : l.delta > 0 ? "INCREASE" : l.delta < 0 ? "DECREASE" : "";
}

struct PlannedAdjustment {
  std::string direction;        // INCREASE | DECREASE | TRANSFER (the moves)
  std::string idempotency_key;  // <key_prefix>:<direction>
  std::vector<PostingLine> lines;
};

// Moves go into one TRANSFER adjustment beside them.
// key_prefix: "stock-count:<session>" for a session's automatic adjustments,
// "proposal:<id>" for an approved proposal.
std::vector<PlannedAdjustment> plan_posting(const std::string& key_prefix, const std::vector<PostingLine>& lines);

}  // namespace core::stock_count
