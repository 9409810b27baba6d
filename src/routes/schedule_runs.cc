#include "routes/schedule_runs.h"

#include <cctype>

#include "iso_week.h"
#include "pipeline/queries/weekly_tick.h"
#include "pipeline/run_status.h"
#include "problem.h"
#include "steps.h"
#include "turn.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

// "2026-W49": four digits, "-W", two digits.
bool is_week_key(const std::string& text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return false;
  for (size_t i : {0, 1, 2, 3, 6, 7}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// ?week=, or this week; nullopt when it is not an ISO week.
std::optional<std::string> week_of(const Ctx& ctx) {
  std::string week = ctx.query_string("week");
  if (week.empty()) {
    auto now = iso_week_of(ctx.now);
    return now ? week_key(*now) : "";
  }
  if (!is_week_key(week)) return std::nullopt;
  return week;
}

json bad_week() { return unprocessable("invalid week", {{"query.week", "an ISO week such as 2026-W49"}}); }

}  // namespace

json retry_schedule_run(const Ctx& ctx) {
  auto week = week_of(ctx);
  if (!week) return bad_week();
  std::string location = ctx.param("location_id");
  auto step = step_of<Step>(ctx.state);
  Batch reads;
  auto run = reads.add(pipeline::location_run(ctx.principal.business(), *week, location));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (step == Step::kWritten) {
    json answer = respond_json(202, {{"week", *week}, {"location_id", location},
                                     {"status", status_name(pipeline::RunStatus::kQueued)}});
    // The message goes once the run says queued; a lost message leaves it for the week's next tick.
    answer["effects"] = json::array({{{"type", "queue_send"}, {"binding", "WEEKLY_COUNT"},
                                      {"messages", json::array({{{"week", *week}, {"location_id", location},
                                                                 {"business_id", ctx.principal.business_id}}})}}});
    return answer;
  }
  const json& found = rows(d1, run);
  if (found.empty()) return not_found("location run of " + *week);
  std::string status = string_or(found[0], "status", "");
  if (!is_status(status, pipeline::RunStatus::kFailed)) {
    return conflict("only a failed location is queued again; " + string_or(found[0], "location_code", location) +
                    " is " + status + " in " + *week);
  }
  return ask_d1({pipeline::run_requeued(ctx.principal.business_id, *week, location, ctx.now)}, at_step(Step::kWritten));
}

json list_schedule_runs(const Ctx& ctx) {
  auto found_week = week_of(ctx);
  if (!found_week) return bad_week();
  std::string week = *found_week;
  auto reads = pipeline::week_runs_reads(ctx.principal.business(), week);
  if (step_of<Step>(ctx.state) == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& tick = rows(d1, reads.tick);
  json totals = {{"locations", 0}, {"opened", 0}};
  for (auto status : {pipeline::RunStatus::kQueued, pipeline::RunStatus::kRunning, pipeline::RunStatus::kDone,
                      pipeline::RunStatus::kFailed}) {
    totals[std::string(status_name(status))] = 0;
  }
  json items = json::array();
  for (const auto& row : rows(d1, reads.runs)) {
    json run = row;
    totals["locations"] = int_or(totals, "locations", 0) + 1;
    std::string status = string_or(row, "status", "");
    if (const json* n = member(totals, status)) totals[status] = as_int(*n) + 1;
    if (!string_or(row, "session_id", "").empty()) totals["opened"] = int_or(totals, "opened", 0) + 1;
    items.push_back(std::move(run));
  }
  return respond_json(200, {{"week", week},
                            {"ticked_at", tick.empty() ? json() : value_or_null(tick[0], "first_fired_at")},
                            {"totals", std::move(totals)},
                            {"items", std::move(items)}});
}

}  // namespace core::routes
