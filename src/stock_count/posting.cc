#include "stock_count/posting.h"

namespace core::stock_count {

std::vector<PlannedAdjustment> plan_posting(const std::string& key_prefix, const std::vector<PostingLine>& lines) {
  PlannedAdjustment increase{"INCREASE", key_prefix + ":INCREASE", {}};
  PlannedAdjustment decrease{"DECREASE", key_prefix + ":DECREASE", {}};
  PlannedAdjustment transfer{"TRANSFER", key_prefix + ":TRANSFER", {}};
  for (const auto& line : lines) {
    std::string_view direction = direction_of(line);
    for (auto* adjustment : {&increase, &decrease, &transfer}) {
      if (adjustment->direction == direction) adjustment->lines.push_back(line);
    }
  }
  std::vector<PlannedAdjustment> plan;
  if (!increase.lines.empty()) plan.push_back(std::move(increase));
  if (!decrease.lines.empty()) plan.push_back(std::move(decrease));
  if (!transfer.lines.empty()) plan.push_back(std::move(transfer));
  return plan;
}

}  // namespace core::stock_count
