#include "pipeline/weekly_plan.h"
#include "stock_count/lifecycle.h"

namespace core::pipeline {

// Week keys are "YYYY-Www" with a zero-padded week, so text order is time order.
LocationWeekPlan plan_location_week(const std::string& this_week, const std::vector<CronSession>& sessions,
                                    const std::vector<RotationSlot>& rotation) {
  LocationWeekPlan plan;
  const CronSession* latest = nullptr;
  bool this_week_done = false;
  for (const auto& s : sessions) {
    if (s.week_key < this_week && stock_count::is_status(s.status, stock_count::SessionStatus::kActive)) {
      plan.finalize.push_back(s.id);
    }
    if (s.week_key >= this_week) this_week_done = true;
    if (latest == nullptr || s.week_key > latest->week_key) latest = &s;
  }
  if (this_week_done) {
    plan.note = "this week's session already exists";
    return plan;
  }
  plan.open = next_zone(rotation, latest ? latest->zone_id : "");
  if (!plan.open) plan.note = "no active zone in the rotation";
  return plan;
}

}  // namespace core::pipeline
