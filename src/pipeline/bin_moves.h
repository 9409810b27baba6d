#pragma once
// Stock found in another bin is a move, not a loss plus a gain. Within one
// item (and one lot or serial), a bin counted short and a bin counted over are
// paired: the smaller of the two quantities moved from the first to the second.
// What pairing leaves is the item's real change, adjusted as before.
//
//   E-01-05 −14, A-03-04 +14        → move 14 E-01-05 → A-03-04, no adjustment
//   E-01-05 −14, A-03-04 +10        → move 10, adjust −4 in E-01-05
//   lot L1 in A −2, lot L2 in B +2  → no move (another lot), adjust both
//
// Only lines in bins pair; stock outside any bin has nowhere to move from.
#include <vector>

#include "stock_count/posting.h"

namespace core::pipeline {

struct SplitLines {
  std::vector<stock_count::PostingLine> moves;        // to_bin_id set, delta > 0
  std::vector<stock_count::PostingLine> adjustments;  // what is left, signed
};

// `lines`: one item's non-zero line deltas, in the order the close reads them.
SplitLines split_moves(const std::vector<stock_count::PostingLine>& lines);

}  // namespace core::pipeline
