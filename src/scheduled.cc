#include "scheduled.h"

#include <functional>
#include <map>
#include <set>

#include "iso_week.h"
#include "netsuite/queries/sync.h"
#include "netsuite/sync_status.h"
#include "pipeline/weekly_plan.h"
#include "pipeline/queries/weekly_session.h"
#include "pipeline/queries/weekly_tick.h"
#include "pipeline/run_status.h"
#include "query.h"
#include "request.h"
#include "router.h"
#include "settings.h"
#include "turn.h"
#include "steps.h"
#include "stock_count/lifecycle.h"
#include "utc_time.h"

namespace core {

// The Monday tick (DESIGN.md "The weekly pipeline"), as a conversation:
//   plan   record the tick; read locations, rotations and cron sessions;
//          plan each location (pipeline/weekly_plan.h) into a work list
//   work   per work item, each committing alone: "resume" finishes a close
//          that an earlier tick left paused; "finalize" closes an earlier
//          week's ACTIVE cron session with the variance workflow; "open"
//          reads this week's zone and opens its session (weekly_session.h).
// The close is the session route itself, called as a supervisor would call it
// (src/routes/table.cc): it pages through a big session as it does for any.
// The tick spends about D1_STATEMENT_BUDGET statements at most; a close still
// paging then pauses, later work is deferred, and the next tick resumes it.
// One location's failure does not hold back another's. The week comes from the
// controller's scheduled time, not the wall clock, so a late tick still belongs to its week.
namespace {

// The tick's phases: the plan's reads, then the work list item by item; an item is routed
// (close last week's session, workflow pages), then this week's zone opened and read back.
enum class TickPhase { kStart, kPlan, kWork };
constexpr std::array<std::string_view, 3> step_names(TickPhase) { return {"", "plan", "work"}; }
enum class ItemStep { kStart, kRoute, kOpen, kOpened };
constexpr std::array<std::string_view, 4> step_names(ItemStep) { return {"", "route", "open", "opened"}; }

constexpr const char* kActor = "weekly schedule";

json work_list(const json& d1, const pipeline::TickPlanReads& reads, const std::string& week) {
  std::map<std::string, std::vector<pipeline::RotationSlot>> rotations;
  for (const auto& r : rows(d1, reads.rotations)) {
    rotations[string_or(r, "location_id", "")].push_back(
        {string_or(r, "zone_id", ""), string_or(r, "zone_code", ""), int_or(r, "position", 0), int_or(r, "active", 0) == 1});
  }
  std::map<std::string, std::vector<pipeline::CronSession>> sessions;
  for (const auto& s : rows(d1, reads.cron_sessions)) {
    sessions[string_or(s, "location_id", "")].push_back({string_or(s, "id", ""), string_or(s, "week_key", ""),
                                                         string_or(s, "zone_id", ""), string_or(s, "status", "")});
  }
  std::map<std::string, std::vector<json>> resumes;
  for (const auto& r : rows(d1, reads.paused_closes)) {
    resumes[string_or(r, "location_id", "")].push_back(
        {{"op", "resume"}, {"business_id", r["business_id"]}, {"location_id", r["location_id"]},
         {"session_id", r["id"]}, {"run_kind", r["run_kind"]}});
  }
  std::map<std::string, json> syncs;  // location → how its business follows NetSuite
  for (const auto& s : rows(d1, reads.syncs)) syncs[string_or(s, "location_id", "")] = s;
  std::map<std::string, json> triggers;  // location → its stock checks (count_candidates.h)
  for (const auto& r : rows(d1, reads.triggers)) triggers[string_or(r, "location_id", "")] = r;
  json work = json::array();
  for (const auto& loc : rows(d1, reads.locations)) {
    std::string id = string_or(loc, "id", ""), biz = string_or(loc, "business_id", "");
    for (auto& r : resumes[id]) work.push_back(std::move(r));
    auto plan = pipeline::plan_location_week(week, sessions[id], rotations[id]);
    const json* trigger = triggers.count(id) ? &triggers[id] : nullptr;
    std::vector<std::string> finalize = plan.finalize;
    if (trigger) {  // last week's stock checks close with the zone's (the same close route)
      auto closing = parse_json(string_or(*trigger, "to_close", "[]"));
      for (const auto& s : closing && closing->is_array() ? *closing : json::array()) finalize.push_back(as_string(s));
    }
    for (const auto& session_id : finalize) {
      work.push_back({{"op", "finalize"}, {"business_id", biz}, {"location_id", id}, {"session_id", session_id}});
    }
    if (plan.open) {
      work.push_back({{"op", "open"}, {"business_id", biz}, {"location_id", id}, {"location_code", value_or_null(loc, "code")},
                      {"zone_id", plan.open->zone_id}, {"zone_code", plan.open->zone_code}});
      if (auto s = syncs.find(id); s != syncs.end()) work.back()["sync"] = s->second;
    } else {
      work.push_back({{"op", "skip"}, {"location_id", id}, {"note", plan.note}});
    }
    // After the zone opened (its items are being counted), the rest of the location's candidates.
    if (trigger && int_or(*trigger, "short", 0) == 1) {
      work.push_back({{"op", "trigger"}, {"business_id", biz}, {"location_id", id}});
    }
  }
  return work;
}

pipeline::WeeklyOpening opening_of(const json& item, const std::string& week, const std::string& now) {
  return {string_or(item, "business_id", ""), string_or(item, "location_id", ""), string_or(item, "location_code", ""),
          string_or(item, "zone_id", ""), string_or(item, "zone_code", ""), week, now};
}

// The close of a session, as the request the close route reads (no body: zero_uncounted stays false).
json close_call(const std::string& session_id) {
  return {{"method", "PATCH"}, {"path", "/stock-count/sessions/" + session_id + "/close"}, {"query", json::object()},
          {"body", ""}};
}

// A stock check of the location's count candidates, as a supervisor would ask for it.
json trigger_call(const std::string& location_id) {
  return {{"method", "POST"}, {"path", "/api/count-candidates/open"}, {"query", json::object()},
          {"body", json({{"location_id", location_id}}).dump()}};
}

struct Tick {
  const json& input;
  json state;
  std::string now;  // the input's, else the scheduled time
  int64_t budget;   // D1_STATEMENT_BUDGET, statements for the whole tick
  int64_t left() const { return budget - int_or(state, "spent", 0); }
};

json ask_tick(Tick& t, json effects) {
  int64_t spent = int_or(t.state, "spent", 0);
  for (const auto& e : effects) {
    if (const json* list = member(e, "statements")) spent += static_cast<int64_t>(list->size());
  }
  t.state["spent"] = spent;
  return ask(std::move(effects), std::move(t.state));
}

json next_item(Tick& t);

// A zone of a business that follows NetSuite opens on on-hand synced after the tick: its message
// waits (re-sent every kSyncPollSeconds) for a run that ends after the tick — asking for one when
// none is queued — for up to kSyncWaitMs, or until that run fails; then it opens and says on what.
// Without the queue the tick cannot wait: it opens and says so.
constexpr int64_t kSyncPollSeconds = 10;
constexpr int64_t kSyncWaitMs = 30 * 60 * 1000;

struct SyncGate {
  bool wait = false, ask = false;
  std::string note;
};
SyncGate sync_gate(const Tick& t, const json& sync) {
  std::string tick_at = string_or(sync, "tick_at", ""), done_at = string_or(sync, "done_at", "");
  std::string failed_at = string_or(sync, "failed_at", "");
  std::string as_of = done_at.empty() ? "no NetSuite sync done yet" : "NetSuite's on-hand as of " + done_at;
  if (!done_at.empty() && done_at >= tick_at) return {false, false, "opened on " + as_of + ", synced after the tick"};
  if (member(t.state, "location") == nullptr) {
    return {false, false, "opened on " + as_of + ": without the queue the tick cannot wait for a sync"};
  }
  if (!failed_at.empty() && failed_at >= tick_at) {
    return {false, false, "opened on " + as_of + ": the NetSuite sync after the tick failed"};
  }
  auto tick_ms = epoch_ms_of(tick_at), now_ms = epoch_ms_of(t.now);
  if (tick_ms && now_ms && *now_ms - *tick_ms >= kSyncWaitMs) {
    return {false, false, "opened on " + as_of + ": no NetSuite sync finished within 30 minutes of the tick"};
  }
  return {true, int_or(sync, "open", 0) == 0, "waiting for a NetSuite sync after the tick before opening (" + as_of + ")"};
}

// The runs the waiting zones asked for, one per business, and their drainers woken.
json sync_asks(const Tick& t) {
  json effects = json::array();
  int serial = 0;
  const json asks = t.state.value("sync_asks", json::object());
  for (const auto& [business, since] : asks.items()) {
    std::string from = since.is_string() ? since.get<std::string>() : "";
    auto kind = from.empty() ? netsuite::SyncKind::kFull : netsuite::SyncKind::kIncremental;
    auto queued = netsuite::run_queue(BusinessScope::of_business(business), make_id("sync", string_or(t.input, "nonce", ""), serial++),
                                      std::string(status_name(kind)), kActor, from, t.now, "{}");
    effects.push_back(d1_effect(queued.batch.take()));
    effects.push_back(wake_pusher_effect(business));
  }
  return effects;
}

// Each location's part of the week as this tick left it (schedule_runs, pipeline/run_status.h),
// from the tick's report: failed when any of its items failed; done when its session opened or
// there was nothing to open; still queued (with why) when the tick's budget ran out before it.
struct LocationOutcomes {
  json rows = json::array();  // pipeline::kRunOutcome rows
  json summary;               // locations, done, failed, waiting
  std::string first_error;    // of the first failed location
};
LocationOutcomes location_outcomes(const json& report) {
  std::map<std::string, json> by_location;
  std::vector<std::string> order;
  for (const auto& item : report) {
    std::string location = string_or(item, "location_id", "");
    if (location.empty()) continue;
    auto [at, fresh] = by_location.try_emplace(location, json());
    if (fresh) order.push_back(location);
    json& outcome = at->second;
    bool failed = is_status(string_or(outcome, "status", ""), pipeline::RunStatus::kFailed);
    std::string op = string_or(item, "op", ""), why = string_or(item, "note", "");
    if (const json* error = member(item, "error")) {
      std::string earlier = failed ? string_or(outcome, "error", "") + "; " : "";
      outcome = {{"status", status_name(pipeline::RunStatus::kFailed)}, {"error", earlier + op + ": " + as_string(*error)}};
    } else if (failed || op == "trigger") {
      continue;  // a stock check that opened, found nothing or waits leaves the zone's outcome as it is
    } else if (op == "open" && member(item, "session_id")) {
      outcome = {{"status", status_name(pipeline::RunStatus::kDone)}, {"session_id", item["session_id"]},
                 {"note", value_or_null(item, "note")}};
    } else if (op == "skip") {
      outcome = {{"status", status_name(pipeline::RunStatus::kDone)}, {"note", why}};
    } else if (!why.empty()) {  // deferred or paused: the next tick goes on with it
      outcome = {{"status", status_name(pipeline::RunStatus::kQueued)}, {"note", why}};
    }
  }
  LocationOutcomes out;
  int64_t done = 0, failed = 0, waiting = 0;
  for (const auto& location : order) {
    const json& o = by_location[location];
    if (!o.is_object()) continue;  // closed last week's session; this week's waits (still queued)
    std::string status = string_or(o, "status", "");
    done += is_status(status, pipeline::RunStatus::kDone);
    failed += is_status(status, pipeline::RunStatus::kFailed);
    if (out.first_error.empty()) out.first_error = string_or(o, "error", "");
    waiting += is_status(status, pipeline::RunStatus::kQueued);
    out.rows.push_back(pipeline::kRunOutcome.row({{"location_id", location}, {"status", status},
                                                  {"session_id", value_or_null(o, "session_id")},
                                                  {"note", value_or_null(o, "note")}, {"error", value_or_null(o, "error")}}));
  }
  waiting += static_cast<int64_t>(order.size()) - done - failed - waiting;
  out.summary = {{"locations", order.size()}, {"done", done}, {"failed", failed}, {"waiting", waiting}};
  return out;
}

json item_done(Tick& t, json note) {
  t.state["report"].push_back(std::move(note));
  t.state.erase("note");
  t.state.erase("call");
  t.state.erase("route");
  t.state["i"] = int_or(t.state, "i", 0) + 1;
  return next_item(t);
}

// The close answered: its tally (or why it stopped) goes on the note, and the item ends.
json on_answer(Tick& t, const json& respond) {
  json note = t.state["note"];
  int status = static_cast<int>(int_or(respond, "status", 500));
  json body = parse_json(string_or(respond, "body", "")).value_or(json::object());
  if (status == 202) {
    // The route stopped short of the budget it was given: nothing after it starts this tick.
    t.state["spent"] = std::max(int_or(t.state, "spent", 0), t.budget);
    note["note"] = "paused: the tick spent its D1 budget; the next tick resumes it";
  } else if (string_or(note, "op", "") == "trigger") {
    // Opened (201), nothing to count (200), or taken meanwhile by another open (409): said, not failed.
    if (status == 201) {
      note["session_id"] = body["id"];
      note["candidates"] = body.value("candidates", json::array()).size();
    } else if (status == 200 || status == 409) {
      note["note"] = string_or(body, "note", string_or(body, "detail", ""));
    } else {
      note["error"] = std::to_string(status) + " " + string_or(body, "detail", string_or(body, "title", ""));
    }
  } else if (status >= 300) {
    note["error"] = std::to_string(status) + " " + string_or(body, "detail", string_or(body, "title", ""));
  } else if (const json* workflow = member(body, "workflow")) {
    note["workflow"] = *workflow;
  }
  return item_done(t, std::move(note));
}

// One turn of the item's close route, with the tick's remaining budget as the route's own.
json run_route(Tick& t, const json& results) {
  const json call = t.state["call"];
  RouteMatch match = match_route(route_table(), string_or(call, "method", ""), string_or(call, "path", ""));
  if (match.route == nullptr) return on_answer(t, {{"status", 404}});
  json settings = member(t.input, "settings") ? t.input["settings"] : json::object();
  settings["D1_STATEMENT_BUDGET"] = std::to_string(std::max<int64_t>(1, t.left()));
  settings["TICK_WEEK"] = t.state.value("week", json(""));  // what the tick opens belongs to its week
  const json& note = t.state["note"];
  Principal actor{string_or(note, "business_id", ""), kActor, Role::kAdmin};
  const json handler_state = t.state.value("route", json());
  Ctx ctx{call, call["query"], match.params, actor, handler_state, results, t.now,
          string_or(t.input, "nonce", ""), settings};
  json out = match.route->handler(ctx);
  if (const json* respond = member(out, "respond")) return on_answer(t, *respond);
  t.state["route"] = out.value("state", json());
  move_to(t.state, ItemStep::kRoute, "sub");
  return ask_tick(t, out.value("effects", json::array()));
}

// Starts work item `state.i`, skipping items that need no work; done at the end.
json next_item(Tick& t) {
  json& work = t.state["work"];
  for (size_t i = static_cast<size_t>(int_or(t.state, "i", 0)); i < work.size(); ++i) {
    json item = work[i];
    t.state["i"] = i;
    std::string op = string_or(item, "op", "");
    if (op == "skip") {
      t.state["report"].push_back(item);
      continue;
    }
    if (t.left() <= 0) {
      item["note"] = "deferred: the tick spent its D1 budget";
      t.state["report"].push_back(item);
      continue;
    }
    if (op == "open" && member(item, "sync")) {
      SyncGate gate = sync_gate(t, item["sync"]);
      item["note"] = gate.note;
      if (gate.wait) {
        if (gate.ask) t.state["sync_asks"][string_or(item, "business_id", "")] = item["sync"].value("since", json());
        t.state["sync_wait"] = true;
        t.state["waiting"][string_or(item, "location_id", "")] = true;
        t.state["report"].push_back(item);
        continue;
      }
    }
    t.state["note"] = item;
    if (op == "open") {
      move_to(t.state, ItemStep::kOpen, "sub");
      return ask_tick(t, json::array({d1_effect(
                             {pipeline::zone_stock_lines(opening_of(item, string_or(t.state, "week", ""), t.now))})}));
    }
    if (op == "trigger") {
      if (t.state.value("waiting", json::object()).contains(string_or(item, "location_id", ""))) {
        t.state["report"].push_back(item);  // its zone waits for a sync: the check follows the zone
        continue;
      }
      t.state["call"] = trigger_call(string_or(item, "location_id", ""));
      return run_route(t, json());
    }
    // "finalize" and "resume" both send the close (a paused one resumes at its cursor).
    t.state["call"] = close_call(string_or(item, "session_id", ""));
    return run_route(t, json());
  }
  json effects = json::array();
  auto runs = location_outcomes(t.state["report"]);
  json done = {{"week", t.state["week"]}, {"ok", true}, {"runs", runs.summary}, {"report", t.state["report"]}};
  if (const json* location = member(t.state, "location")) {
    // One location's message (the weekly-count queue): what the shell does with it next.
    done["location_id"] = *location;
    if (int_or(runs.summary, "failed", 0) > 0) {
      done["retry"] = true;  // the queue retries it with backoff, then dead-letters it
      done["error"] = runs.first_error;
    } else if (int_or(runs.summary, "waiting", 0) > 0) {
      done["requeue"] = true;  // its D1 budget ran out, or it waits for a sync: it goes on in a fresh invocation
      if (member(t.state, "sync_wait")) done["delay_seconds"] = kSyncPollSeconds;
    }
  }
  for (auto& e : sync_asks(t)) effects.push_back(std::move(e));
  if (!runs.rows.empty()) {
    effects.push_back(d1_effect({pipeline::run_outcomes(string_or(t.state, "week", ""), t.now, std::move(runs.rows))}));
  }
  for (const auto& business : t.state["wake"]) effects.push_back(wake_pusher_effect(as_string(business)));
  return {{"effects", std::move(effects)}, {"done", std::move(done)}};
}

// The zone's stock was read: the session opens in one batch.
json open_zone(Tick& t, const json& d1) {
  json note = t.state["note"];
  if (!d1_ok(d1)) {
    note["error"] = d1_error(d1);
    return item_done(t, std::move(note));
  }
  IdMaker ids{string_or(t.input, "nonce", ""), 0};
  pipeline::WeeklyOpening opening = opening_of(note, string_or(t.state, "week", ""), t.now);
  Batch zone;
  auto lines = zone.add(pipeline::zone_stock_lines(opening));
  auto opened = pipeline::open_weekly_session(opening, rows(d1, lines), ids);
  note["session_id"] = opened.session_id;
  note["tasks"] = opened.tasks;
  note["snapshot_lines"] = opened.snapshot_lines;
  t.state["note"] = std::move(note);
  move_to(t.state, ItemStep::kOpened, "sub");
  return ask_tick(t, json::array({d1_effect(std::move(opened.statements))}));
}

// The session's batch committed (or a concurrent tick opened this week's session first).
json opened(Tick& t, const json& d1) {
  json note = t.state["note"];
  if (!d1_ok(d1)) {
    note.erase("session_id");
    note["error"] = d1_error(d1);
  }
  return item_done(t, std::move(note));
}

}  // namespace

namespace {

// The Tick's turns after its plan: work items, the close route's turns, the opening.
json work_turn(const json& input, const json& state, const json* results, const std::string& now, int64_t budget) {
  static const json kNull;
  const json& d1 = results && results->is_array() && !results->empty() ? (*results)[0] : kNull;
  Tick t{input, state, now, budget};
  switch (step_of<ItemStep>(state, "sub").value_or(ItemStep::kRoute)) {
    case ItemStep::kOpen: return open_zone(t, d1);
    case ItemStep::kOpened: return opened(t, d1);
    case ItemStep::kStart:
    case ItemStep::kRoute: break;
  }
  return run_route(t, results ? *results : kNull);
}

// Fanned out (the shell has the weekly-count queue): one message per location with work this week;
// the locations with nothing to do are done now.
json fan_out(const json& d1, const pipeline::TickPlanReads& reads, const std::string& week, const std::string& now,
             const json& wake) {
  json work = work_list(d1, reads, week), messages = json::array(), skipped = json::array();
  std::set<std::string> queued;
  for (const auto& item : work) {
    std::string location = string_or(item, "location_id", "");
    if (string_or(item, "op", "") == "skip") {
      skipped.push_back(item);
    } else if (queued.insert(location).second) {
      messages.push_back({{"week", week}, {"location_id", location}, {"business_id", value_or_null(item, "business_id")}});
    }
  }
  json effects = json::array();
  auto runs = location_outcomes(skipped);
  if (!runs.rows.empty()) effects.push_back(d1_effect({pipeline::run_outcomes(week, now, std::move(runs.rows))}));
  if (!messages.empty()) {
    effects.push_back({{"type", "queue_send"}, {"binding", "WEEKLY_COUNT"}, {"messages", messages}});
  }
  for (const auto& business : wake) effects.push_back(wake_pusher_effect(as_string(business)));
  return {{"effects", std::move(effects)},
          {"done", {{"week", week}, {"ok", true}, {"fanned_out", true},
                    {"runs", {{"locations", messages.size() + skipped.size()}, {"enqueued", messages.size()},
                              {"done", int_or(runs.summary, "done", 0)}}}}}};
}

}  // namespace

namespace {

// A tick's conversation — the week's, or one location's message: the plan's reads first, then
// `plan` with their result (state: the plan turn's), then the work items.
json tick_conversation(const json& input, pipeline::TickPlanReads& reads, const std::string& now, int64_t budget,
                       const std::function<json(const json& d1, const json* state)>& plan) {
  const json* turn = member(input, "turn");
  if (turn == nullptr) {
    json state = at_step(TickPhase::kPlan, {{"spent", reads.batch.size()}}, "phase");
    return ask_d1(reads.batch.take(), std::move(state));
  }
  static const json kNull;
  const json* state = member(*turn, "state");
  const json* results = member(*turn, "results");
  const json& d1 = results && results->is_array() && !results->empty() ? (*results)[0] : kNull;
  if (state == nullptr || step_of<TickPhase>(*state, "phase") == TickPhase::kPlan) return plan(d1, state);
  return work_turn(input, *state, results, now, budget);
}

// The work of the plan's locations, item by item, as one Tick (`location`: one location's message).
json work_through(const json& input, const json& d1, const pipeline::TickPlanReads& reads, const std::string& week,
                  const json* state, json wake, const std::string& now, int64_t budget, const std::string& location = "") {
  json fields = {{"week", week}, {"work", work_list(d1, reads, week)}, {"i", 0}, {"report", json::array()},
                 {"wake", std::move(wake)}, {"spent", state ? int_or(*state, "spent", 0) : 0}};
  if (!location.empty()) fields["location"] = location;
  Tick t{input, at_step(TickPhase::kWork, std::move(fields), "phase"), now, budget};
  return next_item(t);
}

int64_t budget_of(const json& input) {
  return settings_of(member(input, "settings") ? input["settings"] : json()).statement_budget;
}

}  // namespace

json scheduled_turn(const json& input) {
  std::string fired_at = string_or(input, "scheduled_time", string_or(input, "now", ""));
  auto iso = iso_week_of(fired_at);
  if (!iso) return {{"done", {{"error", "cron tick without a valid time"}}}};
  std::string week = week_key(*iso), now = string_or(input, "now", fired_at);
  auto reads = pipeline::tick_plan_reads(week, string_or(input, "cron", ""), fired_at);
  return tick_conversation(input, reads, now, budget_of(input), [&](const json& d1, const json* state) -> json {
    if (!d1_ok(d1)) return {{"done", {{"week", week}, {"ok", false}, {"error", d1_error(d1)}}}};
    json wake = json::array();
    for (const auto& row : rows(d1, reads.pushers)) wake.push_back(string_or(row, "business_id", ""));
    if (bool_member(input, "fan_out").value_or(false)) return fan_out(d1, reads, week, now, wake);
    return work_through(input, d1, reads, week, state, std::move(wake), now, budget_of(input));
  });
}

json weekly_message_turn(const json& input) {
  const json message = member(input, "message") ? input["message"] : json::object();
  std::string week = string_or(message, "week", ""), location = string_or(message, "location_id", "");
  std::string now = string_or(input, "now", "");
  if (week.empty() || location.empty()) return {{"done", {{"ok", false}, {"error", "a weekly-count message names a week and a location"}}}};
  if (bool_member(input, "dead").value_or(false)) {
    // Every retry failed: the run says so, with the queue's last word.
    return {{"effects", json::array({d1_effect({pipeline::run_dead(week, location, "dead-lettered", now)})})},
            {"done", {{"week", week}, {"location_id", location}, {"ok", true}, {"dead", true}}}};
  }
  auto reads = pipeline::location_plan_reads(week, location, now);
  return tick_conversation(input, reads, now, budget_of(input), [&](const json& d1, const json* state) -> json {
    if (!d1_ok(d1)) {
      return {{"done", {{"week", week}, {"location_id", location}, {"ok", false}, {"retry", true}, {"error", d1_error(d1)}}}};
    }
    return work_through(input, d1, reads, week, state, json::array(), now, budget_of(input), location);
  });
}

}  // namespace core
