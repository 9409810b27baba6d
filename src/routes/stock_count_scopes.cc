#include "routes/stock_count_scopes.h"

#include "problem.h"
#include "settings.h"
#include "stock_count/queries/item_pages.h"
#include "stock_count/lines.h"
#include "stock_count/queries/setup_writes.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {

enum class Step { kStart, kRead, kWritten, kWalk };
constexpr std::array<std::string_view, 4> step_names(Step) { return {"", "read", "written", "walk"}; }

std::optional<json> require_draft(const json& session, std::string_view what) {
  if (!is_status(string_or(session, "status", ""), SessionStatus::kDraft)) {
    return conflict(std::string(what) + " only while the session is DRAFT; it is " + string_or(session, "status", "?"));
  }
  return std::nullopt;
}

json written_or_conflict(const Ctx& ctx, std::string_view what) {
  const json& d1 = ctx.first_result();
  if (failed_on_guard(d1)) return conflict(std::string(what) + ": the session left DRAFT meanwhile");
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  return json();
}

}  // namespace

json add_scope(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  Batch reads;
  auto found = reads.add(load_session(ctx, id));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  if (step == Step::kWritten) {
    if (json p = written_or_conflict(ctx, "scope not added"); !p.is_null()) return p;
    const json& scope = rows(ctx.first_result(), kept(ctx.state, "scope"));
    if (scope.empty()) return storage_failure("scope vanished");
    return respond_json(int_or(ctx.state, "existed", 0) ? 200 : 201, scope[0]);
  }
  if (auto p = session_problem(ctx.first_result(), found.at)) return *p;
  const json& session = rows(ctx.first_result(), found)[0];
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  std::vector<FieldError> errors;
  std::string kind = string_or(*body, "kind", "");
  if (!is_scope_kind(kind)) errors.push_back({"kind", "must be one of category, brand, product, zone, bin, all"});
  const json* value_field = member(*body, "value");
  std::string value = string_or(*body, "value", "");
  if (is_scope_kind(kind) && scope_needs_value(kind) && value.empty()) errors.push_back({"value", "required for " + kind});
  if (value_field && !value_field->is_null() && !value_field->is_string()) errors.push_back({"value", "must be a string"});
  if (!errors.empty()) return unprocessable("invalid scope", errors);
  if (auto p = require_draft(session, "scopes can be added")) return *p;
  if (string_or(session, "type", "") == "FULL") return conflict("a FULL count already covers the whole location");

  json stored_value = kind == "all" ? json() : json(value);
  Batch batch;
  batch.add(still_draft(ctx.principal.business_id, id));
  batch.add(scope_insert(ctx.principal.business_id, new_id(ctx, "scp", 0), id, kind, stored_value, ctx.now));
  json state = at_step(Step::kWritten);
  keep(state, "scope", batch.add(scope_named(id, kind, kind == "all" ? "" : value)));
  return ask_d1(batch.take(), std::move(state));
}

json list_scopes(const Ctx& ctx) {
  std::string id = ctx.param("id");
  Batch reads;
  auto session = reads.add(load_session(ctx, id));
  auto of_session = reads.add(session_scopes(ctx.principal.business(), id));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRead));
  if (auto p = session_problem(ctx.first_result(), session.at)) return *p;
  const json& scopes = rows(ctx.first_result(), of_session);
  return respond_json(200, {{"items", scopes}, {"page", 1}, {"page_size", scopes.size()}, {"total", scopes.size()}});
}

json delete_scope(const Ctx& ctx) {
  std::string id = ctx.param("sessionId");
  std::string scope_id = ctx.param("scopeId");
  auto step = step_of<Step>(ctx.state);
  Batch reads;
  auto found = reads.add(load_session(ctx, id));
  auto scope = reads.add(scope_of_session(ctx.principal.business(), scope_id, id));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  if (step == Step::kWritten) {
    if (json p = written_or_conflict(ctx, "scope not deleted"); !p.is_null()) return p;
    return respond_text(204, "application/json", "");
  }
  if (auto p = session_problem(ctx.first_result(), found.at)) return *p;
  if (rows(ctx.first_result(), scope).empty()) return not_found("scope");
  const json& session = rows(ctx.first_result(), found)[0];
  if (auto p = require_draft(session, "scopes can be removed")) return *p;
  if (string_or(session, "type", "") == "FULL") return conflict("a FULL count's scope is the whole location");
  return ask_d1({still_draft(ctx.principal.business_id, id), scope_delete(ctx.principal.business_id, scope_id, id)},
                at_step(Step::kWritten));
}

namespace {

// by_zone_bin walks the location's stock a page at a time (about COUNT_PAGE_LINES
// lines, a D1 round trip each: stock_walk_reads) and keeps only where the stock in scope
// lies; the other strategies need no stock lines, so they stop after the first read.
json tasks_written(const Ctx& ctx) {
  if (json p = written_or_conflict(ctx, "tasks not generated"); !p.is_null()) return p;
  json tasks = json::array();
  for (const auto& row : rows(ctx.first_result(), kept(ctx.state, "tasks"))) {
    tasks.push_back(task_json(row));
  }
  return respond_json(201, {{"items", tasks}, {"page", 1}, {"page_size", tasks.size()}, {"total", tasks.size()}});
}

}  // namespace

json generate_tasks(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  int64_t page_lines = settings_of(ctx.settings).page_lines;
  if (step == Step::kStart) {
    return ask_d1(stock_walk_reads(ctx.principal.business(), id, "", page_lines, true).batch.take(),
                  at_step(Step::kWalk, {{"first", true}}));
  }
  if (step == Step::kWritten) return tasks_written(ctx);
  const json& d1 = ctx.first_result();
  bool first = bool_member(ctx.state, "first").value_or(false);
  // The same layout as the batch that ran: the first page's reads, or a later page's.
  auto reads = stock_walk_reads(ctx.principal.business(), id, "", page_lines, first);
  json scopes = ctx.state.value("scopes", json::array());
  if (first) {
    if (auto p = session_problem(d1, reads.session->at)) return *p;
    scopes = rows(d1, *reads.scopes);
    page_lines = walk_page_lines(page_lines, rows(d1, *reads.size), StockWalkReads::kStatementsPerPage,
                                 settings_of(ctx.settings).statement_budget);
  } else if (!d1_ok(d1)) {
    return storage_failure(d1_error(d1));
  } else {
    page_lines = int_or(ctx.state, "lines", page_lines);
  }
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  std::string strategy = string_or(*body, "strategy", "");
  const json* assignees = member(*body, "assignees");
  if (assignees && !assignees->is_array()) return unprocessable("invalid assignees", {{"assignees", "must be an array"}});
  if (first) {
    if (auto p = require_draft(rows(d1, *reads.session)[0], "tasks can be generated")) return *p;
  }

  auto rules = scope_rules_from_rows(scopes);
  StockPlaces places = StockPlaces::from_json(ctx.state.value("places", json::object()));
  for (const auto& line : stock_lines_from_rows(rows(d1, reads.lines))) {
    if (in_scope(rules, line)) places.add(line);
  }
  if (strategy == "by_zone_bin") {
    if (PageBounds bounds = page_bounds_from(rows(d1, reads.bounds)); bounds.more) {
      return ask_d1(stock_walk_reads(ctx.principal.business(), id, bounds.page_end, page_lines, false).batch.take(),
                    at_step(Step::kWalk, {{"lines", page_lines}, {"scopes", scopes}, {"places", places.to_json()}}));
    }
  }
  static const json kNone = json::array();
  auto generation = stock_count::generate_tasks(strategy, rules, places, assignees ? *assignees : kNone);
  switch (generation.error) {
    case TaskStrategyError::kUnknownStrategy:
      return unprocessable("unknown strategy", {{"strategy", "must be by_zone_bin, by_category or by_assignee"}});
    case TaskStrategyError::kNoCategoryScope:
      return unprocessable("by_category needs category scopes", {{"strategy", "the session has no category scope"}});
    case TaskStrategyError::kNoAssignees:
      return unprocessable("by_assignee needs assignees", {{"assignees", "give at least one assignee"}});
    case TaskStrategyError::kNothingInScope:
      return conflict("nothing in the session's scope is placed at this location; add or change scopes");
    case TaskStrategyError::kNone: break;
  }
  // Regenerating replaces the DRAFT tasks: never two sets. The guard also catches a
  // session that left DRAFT while the location was being walked.
  Batch batch;
  batch.add(still_draft(ctx.principal.business_id, id));
  batch.add(draft_tasks_delete(ctx.principal.business_id, id));
  IdMaker ids{ctx.nonce, 0};
  batch.add_all(task_inserts(ctx.principal.business_id, id, generation.tasks,
                             std::string(task_status_name(TaskStatus::kDraft)), ctx.now, ids).statements);
  json state = at_step(Step::kWritten);
  keep(state, "tasks", batch.add(session_tasks(ctx.principal.business_id, id)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
