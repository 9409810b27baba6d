#include "scheduled.h"

#include <map>

#include "iso_week.h"
#include "pipeline/session_close.h"
#include "pipeline/weekly_plan.h"
#include "pipeline/weekly_session.h"
#include "request.h"
#include "turn.h"
#include "write_guard.h"

namespace core {

// The Monday tick (DESIGN.md "The weekly pipeline"), as a conversation:
//   plan   record the tick; read locations, rotations and cron sessions;
//          plan each location (pipeline/weekly_plan.h) into a work list
//   work   per work item, read what it needs, then write it as its own batch:
//          "finalize" closes an earlier week's ACTIVE cron session with the
//          variance workflow; "open" opens this week's zone session.
// Each item commits alone: one location's failure does not hold back another's.
// The week comes from the controller's scheduled time, not the wall clock, so
// a late tick still belongs to its week.
namespace {

constexpr const char* kActor = "weekly schedule";

std::vector<Statement> plan_reads(const std::string& week, const std::string& cron, const std::string& fired_at) {
  return {{"INSERT INTO cron_ticks (week_key, cron, first_fired_at, last_fired_at, ticks) VALUES (?1, ?2, ?3, ?3, 1) "
           "ON CONFLICT (week_key) DO UPDATE SET last_fired_at = excluded.last_fired_at, ticks = cron_ticks.ticks + 1",
           json::array({week, cron, fired_at})},
          {"SELECT id, business_id, code FROM locations WHERE active = 1 ORDER BY business_id, code", json::array()},
          {"SELECT c.location_id, c.zone_id, z.code AS zone_code, c.position, (c.active = 1 AND z.active = 1) AS active "
           "FROM cycle_count_schedule c JOIN zones z ON z.id = c.zone_id ORDER BY c.location_id, c.position",
           json::array()},
          // Every cron session still ACTIVE, and the latest one of each location (for the rotation).
          {"SELECT s.id, s.location_id, s.week_key, s.zone_id, s.status FROM stock_count_session s "
           "WHERE s.source = 'cron' AND (s.status = 'ACTIVE' OR s.week_key = (SELECT MAX(x.week_key) "
           "FROM stock_count_session x WHERE x.source = 'cron' AND x.location_id = s.location_id))",
           json::array()},
          // Businesses whose outbox holds work: the tick wakes their drainers (a lost wake-up heals weekly).
          {"SELECT DISTINCT business_id FROM ns_pending_pushes WHERE status IN ('pending', 'in_flight')", json::array()}};
}

json work_list(const json& d1, const std::string& week) {
  std::map<std::string, std::vector<pipeline::RotationSlot>> rotations;
  for (const auto& r : rows_of(d1, 2)) {
    rotations[string_or(r, "location_id", "")].push_back(
        {string_or(r, "zone_id", ""), string_or(r, "zone_code", ""), int_or(r, "position", 0), int_or(r, "active", 0) == 1});
  }
  std::map<std::string, std::vector<pipeline::CronSession>> sessions;
  for (const auto& s : rows_of(d1, 3)) {
    sessions[string_or(s, "location_id", "")].push_back({string_or(s, "id", ""), string_or(s, "week_key", ""),
                                                         string_or(s, "zone_id", ""), string_or(s, "status", "")});
  }
  json work = json::array();
  for (const auto& loc : rows_of(d1, 1)) {
    std::string id = string_or(loc, "id", ""), biz = string_or(loc, "business_id", "");
    auto plan = pipeline::plan_location_week(week, sessions[id], rotations[id]);
    for (const auto& session_id : plan.finalize) {
      work.push_back({{"op", "finalize"}, {"business_id", biz}, {"location_id", id}, {"session_id", session_id}});
    }
    if (plan.open) {
      work.push_back({{"op", "open"}, {"business_id", biz}, {"location_id", id}, {"location_code", value_or_null(loc, "code")},
                      {"zone_id", plan.open->zone_id}, {"zone_code", plan.open->zone_code}});
    } else {
      work.push_back({{"op", "skip"}, {"location_id", id}, {"note", plan.note}});
    }
  }
  return work;
}

pipeline::WeeklyOpening opening_of(const json& item, const std::string& week, const std::string& now) {
  return {string_or(item, "business_id", ""), string_or(item, "location_id", ""), string_or(item, "location_code", ""),
          string_or(item, "zone_id", ""), string_or(item, "zone_code", ""), week, now};
}

// Asks for the reads of work item `state.i`, skipping items that need none; done at the end.
json next_item(json state, const std::string& now) {
  json& work = state["work"];
  for (size_t i = static_cast<size_t>(int_or(state, "i", 0)); i < work.size(); ++i) {
    const json& item = work[i];
    std::string op = string_or(item, "op", "");
    state["i"] = i;
    state["sub"] = "read";
    if (op == "finalize") {
      return ask_d1(pipeline::close_reads(string_or(item, "business_id", ""), string_or(item, "session_id", "")), state);
    }
    if (op == "open") return ask_d1({pipeline::zone_stock_lines(opening_of(item, string_or(state, "week", ""), now))}, state);
    state["report"].push_back(item);
  }
  json wake = json::array();
  for (const auto& business : state["wake"]) wake.push_back(wake_pusher_effect(as_string(business)));
  return {{"effects", wake}, {"done", {{"week", state["week"]}, {"ok", true}, {"report", state["report"]}}}};
}

// Turns the reads of the current item into its batch (or a note when there is nothing to do).
json write_item(json state, const json& d1, const std::string& now, const std::string& nonce) {
  const json& item = state["work"][static_cast<size_t>(int_or(state, "i", 0))];
  std::string op = string_or(item, "op", "");
  json note = item;
  IdMaker ids{nonce, 0};
  if (!d1_ok(d1)) {
    note["error"] = d1_error(d1);
  } else if (op == "finalize") {
    const json& session = rows_of(d1, 0);
    auto batch = session.empty() ? pipeline::CloseBatch{}
                                 : pipeline::close_batch(d1, string_or(item, "business_id", ""), kActor, now, false, ids);
    if (batch.statements.empty()) {
      note["note"] = "no longer ACTIVE";
    } else {
      state["pending"] = {{"workflow", pipeline::tally_json(batch.tally)}};
      state["sub"] = "write";
      return ask_d1(batch.statements, state);
    }
  } else {
    auto opened = pipeline::open_weekly_session(opening_of(item, string_or(state, "week", ""), now), rows_of(d1, 0), ids);
    state["pending"] = {{"session_id", opened.session_id}, {"tasks", opened.tasks},
                        {"snapshot_lines", opened.snapshot_lines}};
    state["sub"] = "write";
    return ask_d1(opened.statements, state);
  }
  state["report"].push_back(note);
  state["i"] = int_or(state, "i", 0) + 1;
  return next_item(std::move(state), now);
}

json record_write(json state, const json& d1, const std::string& now) {
  json note = state["work"][static_cast<size_t>(int_or(state, "i", 0))];
  note.update(state["pending"]);
  if (failed_on_guard(d1)) note["note"] = "changed meanwhile; left as it was";
  else if (!d1_ok(d1)) note["error"] = d1_error(d1);  // e.g. a concurrent tick opened this week's session first
  state["report"].push_back(note);
  state.erase("pending");
  state["i"] = int_or(state, "i", 0) + 1;
  return next_item(std::move(state), now);
}

}  // namespace

json scheduled_turn(const json& input) {
  std::string fired_at = string_or(input, "scheduled_time", string_or(input, "now", ""));
  auto week = iso_week_of(fired_at);
  if (!week) return {{"done", {{"error", "cron tick without a valid time"}}}};
  std::string now = string_or(input, "now", fired_at);
  const json* turn = member(input, "turn");
  if (turn == nullptr) {
    return ask_d1(plan_reads(week_key(*week), string_or(input, "cron", ""), fired_at), {{"phase", "plan"}});
  }
  static const json kNull;
  const json* state = member(*turn, "state");
  const json* results = member(*turn, "results");
  const json& d1 = results && results->is_array() && !results->empty() ? (*results)[0] : kNull;
  if (state == nullptr || string_or(*state, "phase", "") == "plan") {
    if (!d1_ok(d1)) return {{"done", {{"week", week_key(*week)}, {"ok", false}, {"error", d1_error(d1)}}}};
    json wake = json::array();
    for (const auto& row : rows_of(d1, 4)) wake.push_back(string_or(row, "business_id", ""));
    return next_item({{"phase", "work"}, {"week", week_key(*week)}, {"work", work_list(d1, week_key(*week))},
                      {"i", 0}, {"report", json::array()}, {"wake", wake}},
                     now);
  }
  if (string_or(*state, "sub", "") == "read") return write_item(*state, d1, now, string_or(input, "nonce", ""));
  return record_write(*state, d1, now);
}

}  // namespace core
