#include "pipeline/bin_moves.h"

#include <algorithm>
#include <map>
#include <string>

namespace core::pipeline {

SplitLines split_moves(const std::vector<stock_count::PostingLine>& lines) {
  std::vector<stock_count::PostingLine> left = lines;
  std::map<std::string, std::vector<size_t>> by_number;  // lot / serial → the binned lines that carry it
  for (size_t i = 0; i < left.size(); ++i) {
    if (!left[i].bin_id.empty()) by_number[left[i].batch_number + '\x1f' + left[i].serial_number].push_back(i);
  }
  SplitLines out;
  for (const auto& [number, at] : by_number) {
    std::vector<size_t> short_lines, over_lines;
    for (size_t i : at) (left[i].delta < 0 ? short_lines : over_lines).push_back(i);
    size_t s = 0, o = 0;
    while (s < short_lines.size() && o < over_lines.size()) {
      auto& from = left[short_lines[s]];
      auto& to = left[over_lines[o]];
      int64_t moved = std::min(-from.delta, to.delta);
      stock_count::PostingLine move = from;
      move.delta = moved;
      move.to_bin_id = to.bin_id;
      move.to_bin_code = to.bin_code;
      out.moves.push_back(std::move(move));
      from.delta += moved;
      to.delta -= moved;
      if (from.delta == 0) ++s;
      if (to.delta == 0) ++o;
    }
  }
  for (auto& l : left) {
    if (l.delta != 0) out.adjustments.push_back(std::move(l));
  }
  return out;
}

}  // namespace core::pipeline
