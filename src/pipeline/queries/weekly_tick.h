#pragma once
// The Monday tick's plan (scheduled.cc): the tick recorded, and what it plans from — active
// locations, rotations, cron sessions, businesses with outbox work, closes left paging.
#include <string>

#include "query.h"

namespace core::pipeline {

struct TickPlanReads {
  Batch batch;
  Read<json> locations;       // id, business_id, code — active ones, by business and code
  Read<json> rotations;       // location_id, zone_id, zone_code, position, active
  Read<json> cron_sessions;   // every ACTIVE cron session and each location's latest
  Read<json> pushers;         // business_id of each business whose outbox holds work
  Read<json> paused_closes;   // id, business_id, location_id, run_kind of earlier weeks' paging closes
};
TickPlanReads tick_plan_reads(const std::string& week, const std::string& cron, const std::string& fired_at);

}  // namespace core::pipeline
