#pragma once
// The weekly zone rotation of a location (cycle_count_schedule): zones in
// position order; each Monday the zone after last week's is counted. A slot is
// skipped while it or its zone is inactive.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core::pipeline {

struct RotationSlot {
  std::string zone_id;
  std::string zone_code;
  int64_t position = 0;
  bool active = true;  // the schedule row and the zone are both active
};

// The zone to count after `last_zone_id` (the zone of the location's latest
// cron session): the next active slot by position, wrapping round. With no
// previous zone, or one no longer in the rotation, the first active slot.
// nullopt when no slot is active.
std::optional<RotationSlot> next_zone(std::vector<RotationSlot> rotation, std::string_view last_zone_id);

}  // namespace core::pipeline
