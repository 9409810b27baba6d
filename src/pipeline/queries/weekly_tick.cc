#include "pipeline/queries/weekly_tick.h"

#include "netsuite/push_status.h"
#include "netsuite/sync_status.h"
#include "pipeline/run_status.h"
#include "stock_count/lifecycle.h"

namespace core::pipeline {

namespace {

// The plan's reads; `location` ("" for every one) is bound at ?2.
void add_plan_reads(TickPlanReads& out, const std::string& week, const std::string& location) {
  const json params = json::array({week, location});
  out.locations = out.batch.add(
      {"SELECT id, business_id, code FROM locations WHERE active = 1 AND (?2 = '' OR id = ?2) AND ?1 = ?1 "
       "ORDER BY business_id, code",
       params});
  out.rotations = out.batch.add(
      {"SELECT c.location_id, c.zone_id, z.code AS zone_code, c.position, (c.active = 1 AND z.active = 1) AS active "
       "FROM cycle_count_schedule c JOIN zones z ON z.id = c.zone_id WHERE (?2 = '' OR c.location_id = ?2) AND ?1 = ?1 "
       "ORDER BY c.location_id, c.position",
       params});
  // Every cron session still ACTIVE, and the latest one of each location (for the rotation).
  out.cron_sessions = out.batch.add(
      {"SELECT s.id, s.location_id, s.week_key, s.zone_id, s.status FROM stock_count_session s "
       "WHERE s.source = 'cron' AND (?2 = '' OR s.location_id = ?2) AND ?1 = ?1 AND (s.status = " +
           stock_count::status_sql(stock_count::SessionStatus::kActive) +
           " OR s.week_key = (SELECT MAX(x.week_key) "
           "FROM stock_count_session x WHERE x.source = 'cron' AND x.location_id = s.location_id))",
       params});
  // Businesses whose outbox holds work: the tick wakes their drainers (a lost wake-up heals weekly).
  out.pushers = out.batch.add(
      {"SELECT DISTINCT business_id FROM ns_pending_pushes WHERE status IN (" + status_sql(netsuite::PushStatus::kPending) +
           ", " + status_sql(netsuite::PushStatus::kInFlight) + ") AND ?2 = ''",
       json::array({week, location})});
  // Cron sessions whose close an earlier week's tick left paging.
  out.paused_closes = out.batch.add(
      {"SELECT id, business_id, location_id, run_kind FROM stock_count_session WHERE source = 'cron' "
       "AND week_key < ?1 AND run_kind = 'close' AND (?2 = '' OR location_id = ?2) ORDER BY week_key, id",
       params});
  const std::string runs = "FROM ns_sync_runs r WHERE r.business_id = l.business_id";
  const std::string done = " AND r.status = " + status_sql(netsuite::SyncStatus::kDone);
  out.syncs = out.batch.add(
      {"SELECT l.id AS location_id, l.business_id, "
       "(SELECT s.queued_at FROM schedule_runs s WHERE s.week_key = ?1 AND s.location_id = l.id) AS tick_at, "
       "(SELECT MAX(r.finished_at) " + runs + done + ") AS done_at, (SELECT MAX(r.queued_at) " + runs + done + ") AS since, "
       "(SELECT MAX(r.finished_at) " + runs + " AND r.status = " + status_sql(netsuite::SyncStatus::kFailed) + ") AS failed_at, "
       "EXISTS (SELECT 1 " + runs + " AND r.finished_at IS NULL) AS open FROM locations l "
       "WHERE l.active = 1 AND (?2 = '' OR l.id = ?2) AND EXISTS (SELECT 1 " + runs + ") "
       "AND EXISTS (SELECT 1 FROM netsuite_connections c WHERE c.business_id = l.business_id)",
       params});
  out.triggers = out.batch.add(
      {"SELECT location_id, short, to_close FROM (SELECT l.id AS location_id, EXISTS (SELECT 1 FROM inventory_balance b "
       "INDEXED BY inventory_balance_short WHERE b.business_id = l.business_id AND b.location_id = l.id "
       "AND b.quantityonhand <= 0) AS short, (SELECT json_group_array(s.id) FROM stock_count_session s "
       "WHERE s.business_id = l.business_id AND s.location_id = l.id AND s.trigger_reason IS NOT NULL AND s.status = " +
           stock_count::status_sql(stock_count::SessionStatus::kActive) + " AND s.week_key < ?1) AS to_close "
       "FROM locations l WHERE l.active = 1 AND (?2 = '' OR l.id = ?2)) WHERE short OR to_close <> '[]'",
       params});
}

}  // namespace

TickPlanReads tick_plan_reads(const std::string& week, const std::string& cron, const std::string& fired_at) {
  TickPlanReads out;
  out.batch.add({"INSERT INTO cron_ticks (week_key, cron, first_fired_at, last_fired_at, ticks) VALUES (?1, ?2, ?3, ?3, 1) "
                 "ON CONFLICT (week_key) DO UPDATE SET last_fired_at = excluded.last_fired_at, ticks = cron_ticks.ticks + 1",
                 json::array({week, cron, fired_at})});
  out.batch.add({"INSERT INTO schedule_runs (week_key, location_id, business_id, status, attempts, queued_at, updated_at) "
                 "SELECT ?1, id, business_id, " + status_sql(RunStatus::kQueued) + ", 0, ?2, ?2 FROM locations "
                 "WHERE active = 1 ON CONFLICT (week_key, location_id) DO NOTHING",
                 json::array({week, fired_at})});
  add_plan_reads(out, week, "");
  return out;
}

TickPlanReads location_plan_reads(const std::string& week, const std::string& location_id, const std::string& now) {
  TickPlanReads out;
  out.batch.add({"UPDATE schedule_runs SET status = " + status_sql(RunStatus::kRunning) + ", updated_at = ?3 "
                 "WHERE week_key = ?1 AND location_id = ?2 AND status <> " + status_sql(RunStatus::kDone),
                 json::array({week, location_id, now})});
  add_plan_reads(out, week, location_id);
  return out;
}

Statement run_requeued(const std::string& business_id, const std::string& week, const std::string& location_id,
                       const std::string& now) {
  return {"UPDATE schedule_runs SET status = " + status_sql(RunStatus::kQueued) + ", updated_at = ?4 "
          "WHERE business_id = ?1 AND week_key = ?2 AND location_id = ?3 AND status = " + status_sql(RunStatus::kFailed),
          json::array({business_id, week, location_id, now})};
}

Statement location_run(const BusinessScope& business, const std::string& week, const std::string& location_id) {
  return {"SELECT r.location_id, l.code AS location_code, r.status, r.last_error FROM schedule_runs r "
          "JOIN locations l ON l.id = r.location_id WHERE r.week_key = ?1 AND r.location_id = ?2 AND r.business_id = " +
              business.sql(3),
          json::array({week, location_id, business.bound()})};
}

Statement run_dead(const std::string& week, const std::string& location_id, const std::string& error,
                   const std::string& now) {
  return {"UPDATE schedule_runs SET status = " + status_sql(RunStatus::kFailed) + ", last_error = ?3 || ' after ' || "
          "attempts || ' attempt(s)' || COALESCE(': ' || last_error, ''), updated_at = ?4 "
          "WHERE week_key = ?1 AND location_id = ?2 AND status <> " + status_sql(RunStatus::kDone),
          json::array({week, location_id, error, now})};
}

const RowFields kRunOutcome{"location_id", "status", "session_id", "note", "error"};

Statement run_outcomes(const std::string& week, const std::string& now, json outcomes) {
  // Done is final for the week: a later tick (or one racing this one, whose open lost) changes nothing.
  const std::string done = "r.status = " + status_sql(RunStatus::kDone);
  return {"UPDATE schedule_runs AS r SET status = o.status, attempts = r.attempts + 1, "
          "session_id = COALESCE(o.session_id, r.session_id), note = COALESCE(o.note, r.note), last_error = o.error, "
          "updated_at = ?2 FROM (SELECT " + kRunOutcome.select_list() + " FROM json_each(?3)) AS o "
          "WHERE r.week_key = ?1 AND r.location_id = o.location_id AND NOT " + done,
          json::array({week, now, std::move(outcomes)})};
}

WeekRunsReads week_runs_reads(const BusinessScope& business, const std::string& week) {
  WeekRunsReads out;
  // The tick as this business saw it: only when it queued a location of theirs.
  out.tick = out.batch.add(
      {"SELECT week_key, first_fired_at, last_fired_at, ticks FROM cron_ticks WHERE week_key = ?1 AND EXISTS "
       "(SELECT 1 FROM schedule_runs r WHERE r.week_key = ?1 AND r.business_id = " + business.sql(2) + ")",
       json::array({week, business.bound()})});
  out.runs = out.batch.add(
      {"SELECT r.location_id, l.code AS location_code, r.status, r.attempts, r.session_id, z.code AS zone_code, r.note, "
       "r.last_error, r.queued_at, r.updated_at FROM schedule_runs r JOIN locations l ON l.id = r.location_id "
       "LEFT JOIN stock_count_session s ON s.id = r.session_id LEFT JOIN zones z ON z.id = s.zone_id "
       "WHERE r.business_id = " + business.sql(2) + " AND r.week_key = ?1 ORDER BY l.code",
       json::array({week, business.bound()})});
  return out;
}

Statement latest_week_runs() {
  return {"SELECT t.week_key, t.first_fired_at, COALESCE(SUM(r.status = " + status_sql(RunStatus::kFailed) +
              "), 0) AS failed, COALESCE(SUM(r.status IN (" + status_sql(RunStatus::kQueued) + ", " +
              status_sql(RunStatus::kRunning) + ")), 0) AS waiting FROM cron_ticks t "
              "LEFT JOIN schedule_runs r ON r.week_key = t.week_key "
              "WHERE t.week_key = (SELECT MAX(week_key) FROM cron_ticks) GROUP BY t.week_key",
          json::array()};
}

}  // namespace core::pipeline
