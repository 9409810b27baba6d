#pragma once
// What the Monday tick does at one location, keyed by ISO week
// (DESIGN.md "The weekly pipeline"):
//   * finalize every cron session of an earlier week still ACTIVE (close →
//     variance workflow);
//   * open this week's CYCLE session on the next zone of the rotation, unless
//     a cron session of this week (or a later one) already exists.
// A repeated tick finds this week's session and does nothing; after missed
// weeks the next tick opens exactly one session, on the next zone — never a burst.
#include <optional>
#include <string>
#include <vector>

#include "pipeline/zone_rotation.h"

namespace core::pipeline {

struct CronSession {
  std::string id;
  std::string week_key;  // "2026-W48"
  std::string zone_id;
  std::string status;
};

struct LocationWeekPlan {
  std::vector<std::string> finalize;   // session ids to close
  std::optional<RotationSlot> open;    // the zone of this week's new session
  std::string note;                    // why nothing is opened, when it is not
};

LocationWeekPlan plan_location_week(const std::string& this_week, const std::vector<CronSession>& sessions,
                                    const std::vector<RotationSlot>& rotation);

}  // namespace core::pipeline
