#include "pipeline/queries/weekly_tick.h"

#include "netsuite/push_status.h"
#include "stock_count/lifecycle.h"

namespace core::pipeline {

TickPlanReads tick_plan_reads(const std::string& week, const std::string& cron, const std::string& fired_at) {
  TickPlanReads out;
  out.batch.add({"INSERT INTO cron_ticks (week_key, cron, first_fired_at, last_fired_at, ticks) VALUES (?1, ?2, ?3, ?3, 1) "
                 "ON CONFLICT (week_key) DO UPDATE SET last_fired_at = excluded.last_fired_at, ticks = cron_ticks.ticks + 1",
                 json::array({week, cron, fired_at})});
  out.locations = out.batch.add(
      {"SELECT id, business_id, code FROM locations WHERE active = 1 ORDER BY business_id, code", json::array()});
  out.rotations = out.batch.add(
      {"SELECT c.location_id, c.zone_id, z.code AS zone_code, c.position, (c.active = 1 AND z.active = 1) AS active "
       "FROM cycle_count_schedule c JOIN zones z ON z.id = c.zone_id ORDER BY c.location_id, c.position",
       json::array()});
  // Every cron session still ACTIVE, and the latest one of each location (for the rotation).
  out.cron_sessions = out.batch.add(
      {"SELECT s.id, s.location_id, s.week_key, s.zone_id, s.status FROM stock_count_session s "
       "WHERE s.source = 'cron' AND (s.status = " + stock_count::status_sql(stock_count::SessionStatus::kActive) +
           " OR s.week_key = (SELECT MAX(x.week_key) "
           "FROM stock_count_session x WHERE x.source = 'cron' AND x.location_id = s.location_id))",
       json::array()});
  // Businesses whose outbox holds work: the tick wakes their drainers (a lost wake-up heals weekly).
  out.pushers = out.batch.add(
      {"SELECT DISTINCT business_id FROM ns_pending_pushes WHERE status IN (" + status_sql(netsuite::PushStatus::kPending) +
           ", " + status_sql(netsuite::PushStatus::kInFlight) + ")",
       json::array()});
  // Cron sessions whose close an earlier week's tick left paging.
  out.paused_closes = out.batch.add(
      {"SELECT id, business_id, location_id, run_kind FROM stock_count_session WHERE source = 'cron' "
       "AND week_key < ?1 AND run_kind = 'close' ORDER BY week_key, id",
       json::array({week})});
  return out;
}

}  // namespace core::pipeline
