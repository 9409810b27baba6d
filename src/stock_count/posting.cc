#include "stock_count/posting.h"

namespace core::stock_count {

std::vector<PlannedAdjustment> plan_posting(const std::string& session_id, const std::vector<PostingLine>& lines) {
  PlannedAdjustment increase{"INCREASE", "stock-count:" + session_id + ":INCREASE", {}};
  PlannedAdjustment decrease{"DECREASE", "stock-count:" + session_id + ":DECREASE", {}};
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
