#include "routes/count_candidates.h"

#include "iso_week.h"
#include "pipeline/count_candidates.h"
#include "pipeline/queries/count_candidates.h"
#include "problem.h"
#include "stock_count/lifecycle.h"
#include "stock_count/queries/store.h"
#include "steps.h"
#include "turn.h"
#include "write_guard.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

constexpr size_t kMaxReasonText = 4000;

json candidates_of(const json& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    if (auto c = pipeline::candidate_json(row)) out.push_back(std::move(*c));
  }
  return out;
}

// "NW-00042: on-hand is -3; NW-00107: on-hand is 0 while A-01-02 lists 5" — what the session is for.
std::string reason_text(const json& candidates) {
  std::string out;
  for (const auto& c : candidates) {
    std::string line = string_or(c, "sku", "") + ": " + string_or(c, "why", "");
    if (out.size() + line.size() + 2 > kMaxReasonText) {
      out += "; …";
      break;
    }
    out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

}  // namespace

json list_count_candidates(const Ctx& ctx) {
  Batch batch;
  auto candidates = batch.add(pipeline::candidate_rows(ctx.principal.business(), ctx.query_string("location_id")));
  if (step_of<Step>(ctx.state) != Step::kRead) return ask_d1(batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  json items = candidates_of(rows(d1, candidates));
  size_t total = items.size();
  return respond_json(200, {{"items", std::move(items)}, {"total", total}});
}

json open_count_candidates(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  std::string location_id = string_or(read.value, "location_id", "");
  const auto& business = ctx.principal.business();
  Batch reads;
  auto location = reads.add(pipeline::candidate_location(business, location_id));
  auto candidates = reads.add(pipeline::candidate_rows(business, location_id));
  auto lines = reads.add(pipeline::candidate_stock_lines(business, location_id));
  const json& d1 = ctx.first_result();
  switch (step_of<Step>(ctx.state).value_or(Step::kStart)) {
    case Step::kStart: {
      if (location_id.empty()) return unprocessable("say where to count", {{"location_id", "required"}});
      return ask_d1(reads.take(), at_step(Step::kRead));
    }
    case Step::kWritten: {
      if (failed_on_guard(d1)) return conflict("another request opened a count of these items meanwhile");
      if (!d1_ok(d1)) return storage_failure(d1_error(d1));
      const json& shown = rows(d1, kept(ctx.state, "session"));
      if (shown.empty()) return storage_failure("the opened session was not read back");
      json out = stock_count::session_json(shown[0]);
      out["candidates"] = ctx.state.value("candidates", json::array());
      return respond_json(201, out);
    }
    case Step::kRead: break;
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, location).empty()) return unprocessable("unknown location", {{"location_id", "no such location in this business"}});
  const json& place = rows(d1, location)[0];
  json found = candidates_of(rows(d1, candidates));
  if (found.empty()) {
    return respond_json(200, {{"session", nullptr}, {"candidates", json::array()},
                              {"note", "no count candidates at " + string_or(place, "code", location_id) + " now"}});
  }
  pipeline::TriggerOpening opening{.business_id = ctx.principal.business_id, .location_id = location_id,
                                   .location_code = string_or(place, "code", ""), .reason = reason_text(found),
                                   .created_by = ctx.principal.token_name, .now = ctx.now};
  json item_ids = json::array();
  for (const auto& c : found) {
    opening.item_ids.push_back(string_or(c, "item_id", ""));
    item_ids.push_back(c["item_id"]);
  }
  // The week it belongs to (the next week's tick closes it): the tick's own when the tick opens it.
  auto week = iso_week_of(ctx.now);
  opening.week_key = string_or(ctx.settings, "TICK_WEEK", week ? week_key(*week) : "");
  IdMaker ids{ctx.nonce, 0};
  auto opened = pipeline::open_trigger_session(opening, rows(d1, lines), ids);
  Batch batch;
  batch.add(pipeline::candidates_not_taken(ctx.principal.business_id, location_id, item_ids));
  for (auto& s : opened.statements) batch.add(std::move(s));
  json state = at_step(Step::kWritten, {{"candidates", std::move(found)}});
  keep(state, "session", batch.add(stock_count::load_session_in(business, opened.session_id)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
