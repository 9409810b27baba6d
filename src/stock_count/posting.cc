#include "stock_count/posting.h"

namespace core::stock_count {

std::vector<PlannedAdjustment> plan_posting(const std::string& key_prefix, const std::vector<PostingLine>& lines) {
  PlannedAdjustment increase{"INCREASE", key_prefix + ":INCREASE", {}};
  PlannedAdjustment decrease{"DECREASE", key_prefix + ":DECREASE", {}};
  for (const auto& line : lines) {
    if (line.delta > 0) increase.lines.push_back(line);
    else if (line.delta < 0) decrease.lines.push_back(line);
  }
  std::vector<PlannedAdjustment> plan;
  if (!increase.lines.empty()) plan.push_back(std::move(increase));
  if (!decrease.lines.empty()) plan.push_back(std::move(decrease));
  return plan;
}

}  // namespace core::stock_count
