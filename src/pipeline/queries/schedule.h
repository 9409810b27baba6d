#pragma once
// A location's count schedule (routes/cycle_count_schedule.cc; the weekly tick reads it too):
// the zones in rotation order, the last cron session, and the rotation saved whole.
#include <cstdint>
#include <string>
#include <vector>

#include "business_scope.h"
#include "query.h"

namespace core::pipeline {

// The location (id, code, name), its rotation (position, zone_id, zone_code, zone_name, active,
// zone_active), its last cron session (session_id, week_key, zone_id, zone_code, status) and its
// zones (id, code, name, active).
struct ScheduleReads {
  Batch batch;
  Read<json> location, rotation, last_cron_session, zones;
};
ScheduleReads schedule_reads(const BusinessScope& business, const std::string& location_id);

// One place of a location's rotation as saved.
struct SavedSlot {
  std::string id, zone_id;
  int64_t position;
  bool active;
};
// The location's rotation replaced by `slots`.
Batch rotation_replace(const std::string& business_id, const std::string& location_id,
                       const std::vector<SavedSlot>& slots);

}  // namespace core::pipeline
