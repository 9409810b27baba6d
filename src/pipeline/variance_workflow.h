#pragma once
// The variance workflow run when a session closes (the seed's workflow_runner):
// the session's counted stock lines are summed per item into one
// cycle_count_variances row each, and the guardrail decides each row —
// auto (posted at once), review (a proposed action) or confirmed (no delta).
//
// Blank is not zero: a line nobody counted takes no part, unless a FULL
// session is closed with zero_uncounted, where it counts as 0. A counted
// line compares with the on-hand at count time (movement-aware); the snapshot
// figure is kept beside it for the report.
//
// Stock found in another bin of the item is a move (pipeline/bin_moves.h),
// judged by the value moved (classify_move) beside the item's net change.
// A counted line whose shelf (item, bin, lot, serial) had another session's
// adjustment booked after the count is outdated: its figure at count time no
// longer holds, so the item is never fixed automatically; it waits for a
// person with the booking named.
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"
#include "pipeline/guardrail.h"
#include "stock_count/posting.h"

namespace core::pipeline {

struct CountedLine {
  std::string item_id, sku, ns_item_id;
  std::string bin_id, bin_code, batch_number, serial_number;
  int64_t expected_snapshot = 0;  // thousandths
  int64_t system_at_count = 0;
  int64_t counted = 0;
  int64_t unit_cost_minor = 0;
  std::string overtaken_by_session, overtaken_at;  // another session's later booking on this shelf
};

// A stock_count_variance_v row (with sku, avg_cost_minor, ns_item_id) → a line
// the workflow decides on; nullopt for a line nobody counted that stays blank.
std::optional<CountedLine> counted_line_from_row(const json& row, bool zero_uncounted);

struct ItemVariance {
  std::string item_id, sku;
  int64_t expected_snapshot = 0, system_at_count = 0, counted = 0;
  int64_t delta = 0, value_minor = 0, unit_cost_minor = 0;
  std::optional<int64_t> pct_milli;  // none when nothing was expected at count time
  int64_t moved_qty = 0, moved_value_minor = 0;
  std::string overtaken_by_session, overtaken_at, overtaken_bin;  // set when a line of the item is outdated
  Classification classification;
  std::vector<stock_count::PostingLine> lines;  // what posting books: the moves, then the line changes
};

// "session X's count of this shelf (E-01-05) was booked at T, after this count"
std::string outdated_reason(const ItemVariance& v);

// One entry per item, in the order items first appear in `lines`.
std::vector<ItemVariance> item_variances(const std::vector<CountedLine>& lines, const Guardrail& guardrail);

// The figures a decision stood on, as reflexion_log.numbers and proposal payloads carry them.
json variance_numbers(const ItemVariance& v, const Guardrail& g);

}  // namespace core::pipeline
