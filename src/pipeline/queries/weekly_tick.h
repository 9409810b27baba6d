#pragma once
// The Monday tick's plan (scheduled.cc): the tick recorded, and what it plans from — active
// locations, rotations, cron sessions, businesses with outbox work, closes left paging.
#include <string>

#include "business_scope.h"
#include "query.h"

namespace core::pipeline {

struct TickPlanReads {
  Batch batch;
  Read<json> locations;       // id, business_id, code — active ones, by business and code
  Read<json> rotations;       // location_id, zone_id, zone_code, position, active
  Read<json> cron_sessions;   // every ACTIVE cron session and each location's latest
  Read<json> pushers;         // business_id of each business whose outbox holds work
  Read<json> paused_closes;   // id, business_id, location_id, run_kind of earlier weeks' paging closes
  // Locations of businesses that follow NetSuite (a sync run asked for, a connection saved):
  // location_id, business_id, tick_at (its run's queued_at this week), done_at and since (the
  // latest done run's end and start), failed_at (the latest failed run's end), open (a run queued
  // or running) — so a zone opens on on-hand synced after the tick (DESIGN.md "Real data in").
  Read<json> syncs;
  // Counts triggered by stock (pipeline/count_candidates.h), per location that has any: short
  // (a balance at or below zero: the tick asks the candidates route to open a stock check) and
  // to_close (JSON ids of its stock checks opened in an earlier week and still ACTIVE).
  Read<json> triggers;
};
// The plan's batch first records the tick and queues every active location's part of the week
// (schedule_runs; a second tick of the week queues nothing again).
TickPlanReads tick_plan_reads(const std::string& week, const std::string& cron, const std::string& fired_at);
// The same reads for one location's message of the week (the tick fanned out on the weekly-count
// queue), after marking its run running — unless it is done already.
TickPlanReads location_plan_reads(const std::string& week, const std::string& location_id, const std::string& now);
// The run of a location back to queued (an admin re-queues a failed one), when it is not done.
Statement run_requeued(const std::string& business_id, const std::string& week, const std::string& location_id,
                       const std::string& now);
// One location's run of the week, for its business (location_code, status, last_error).
Statement location_run(const BusinessScope& business, const std::string& week, const std::string& location_id);
// A location's run failed for good: its message reached the dead-letter queue. last_error becomes
// "<why> after N attempt(s): <the last error>".
Statement run_dead(const std::string& week, const std::string& location_id, const std::string& error,
                   const std::string& now);

// How each location's part of the week ended in this tick: `outcomes` rows of kRunOutcome
// (location_id, status, session_id, note, error), one row per location the tick worked on.
extern const RowFields kRunOutcome;
Statement run_outcomes(const std::string& week, const std::string& now, json outcomes);

// GET /api/schedule/runs: the week's tick (week_key, first_fired_at, last_fired_at, ticks) and the
// business's locations with their part of the week (location_code, status, attempts, session_id,
// zone_code, note, last_error, queued_at, updated_at), by location code.
struct WeekRunsReads {
  Batch batch;
  Read<json> tick, runs;
};
WeekRunsReads week_runs_reads(const BusinessScope& business, const std::string& week);

// /health: the latest tick's week, when it fired, and its locations failed and still waiting.
Statement latest_week_runs();

}  // namespace core::pipeline
