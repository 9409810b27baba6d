#include "routes/stock_count_scopes.h"

#include "problem.h"
#include "settings.h"
#include "stock_count/queries/item_pages.h"
#include "stock_count/lines.h"
#include "stock_count/queries/setup_writes.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {

enum class Step { kStart, kRead, kWritten, kWalk };
constexpr std::array<std::string_view, 4> step_names(Step) { return {"", "read", "written", "walk"}; }

const std::string kStillDraft =
    "SELECT 1 FROM stock_count_session WHERE id = ?2 AND business_id = ?3 AND status = " +
    status_sql(SessionStatus::kDraft);

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
  if (step == Step::kStart) return ask_d1({load_session(ctx, id)}, at_step(Step::kRead));
  if (step == Step::kWritten) {
    if (json p = written_or_conflict(ctx, "scope not added"); !p.is_null()) return p;
    const json& rows = rows_of(ctx.first_result(), 2);
    if (rows.empty()) return storage_failure("scope vanished");
    return respond_json(int_or(ctx.state, "existed", 0) ? 200 : 201, rows[0]);
  }
  if (auto p = session_problem(ctx.first_result(), 0)) return *p;
  const json& session = rows_of(ctx.first_result(), 0)[0];
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
  return ask_d1({guard_exists("session not draft", kStillDraft, json::array({id, ctx.principal.business_id})),
                 {"INSERT INTO stock_count_scope (id, business_id, session_id, kind, value, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                  json::array({new_id(ctx, "scp", 0), ctx.principal.business_id, id, kind, stored_value, ctx.now})},
                 {"SELECT id, session_id, kind, value, created_at FROM stock_count_scope "
                  "WHERE session_id = ?1 AND kind = ?2 AND COALESCE(value, '') = ?3",
                  json::array({id, kind, kind == "all" ? "" : value})}},
                at_step(Step::kWritten));
}

json list_scopes(const Ctx& ctx) {
  std::string id = ctx.param("id");
  if (ctx.state.is_null()) return ask_d1({load_session(ctx, id), session_scopes(ctx, id)}, at_step(Step::kRead));
  if (auto p = session_problem(ctx.first_result(), 0)) return *p;
  const json& scopes = rows_of(ctx.first_result(), 1);
  return respond_json(200, {{"items", scopes}, {"page", 1}, {"page_size", scopes.size()}, {"total", scopes.size()}});
}

json delete_scope(const Ctx& ctx) {
  std::string id = ctx.param("sessionId");
  std::string scope_id = ctx.param("scopeId");
  auto step = step_of<Step>(ctx.state);
  if (step == Step::kStart) {
    BusinessScope business = ctx.principal.business();
    return ask_d1({load_session(ctx, id),
                   {"SELECT id FROM stock_count_scope WHERE id = ?1 AND session_id = ?2 AND business_id = " + business.sql(3),
                    json::array({scope_id, id, business.bound()})}},
                  at_step(Step::kRead));
  }
  if (step == Step::kWritten) {
    if (json p = written_or_conflict(ctx, "scope not deleted"); !p.is_null()) return p;
    return respond_text(204, "application/json", "");
  }
  if (auto p = session_problem(ctx.first_result(), 0)) return *p;
  if (rows_of(ctx.first_result(), 1).empty()) return not_found("scope");
  const json& session = rows_of(ctx.first_result(), 0)[0];
  if (auto p = require_draft(session, "scopes can be removed")) return *p;
  if (string_or(session, "type", "") == "FULL") return conflict("a FULL count's scope is the whole location");
  return ask_d1({guard_exists("session not draft", kStillDraft, json::array({id, ctx.principal.business_id})),
                 {"DELETE FROM stock_count_scope WHERE id = ?1 AND session_id = ?2 AND business_id = ?3",
                  json::array({scope_id, id, ctx.principal.business_id})}},
                at_step(Step::kWritten));
}

namespace {

// by_zone_bin walks the location's stock a page at a time (about COUNT_PAGE_LINES
// lines, a D1 round trip each) and keeps only where the stock in scope lies; the
// other strategies need no stock lines, so they stop after the first read.
std::vector<Statement> stock_page_reads(const Ctx& ctx, const std::string& id, const std::string& cursor,
                                        int64_t lines) {
  BusinessScope business = ctx.principal.business();
  ItemPages pages = session_stock_pages(business.sql(2)).walk();
  json params = ItemPages::walk_params(id, business.bound(), cursor, lines);
  return {{pages.bounds_sql(), params}, session_stock_page(pages, params)};
}

json tasks_written(const Ctx& ctx) {
  if (json p = written_or_conflict(ctx, "tasks not generated"); !p.is_null()) return p;
  json tasks = json::array();
  for (const auto& row : rows_of(ctx.first_result(), static_cast<size_t>(int_or(ctx.state, "read_at", 0)))) {
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
    BusinessScope business = ctx.principal.business();
    std::vector<Statement> reads = {load_session(ctx, id), session_scopes(ctx, id),
                                    {session_stock_pages(business.sql(2)).count_sql(), json::array({id, business.bound()})}};
    for (auto& s : stock_page_reads(ctx, id, "", page_lines)) reads.push_back(std::move(s));
    return ask_d1(std::move(reads), at_step(Step::kWalk, {{"at", 3}}));
  }
  if (step == Step::kWritten) return tasks_written(ctx);
  const json& d1 = ctx.first_result();
  size_t at = static_cast<size_t>(int_or(ctx.state, "at", 0));
  json scopes = ctx.state.value("scopes", json::array());
  if (at == 3) {
    if (auto p = session_problem(d1, 0)) return *p;
    scopes = rows_of(d1, 1);
    page_lines = walk_page_lines(page_lines, rows_of(d1, 2), 2, settings_of(ctx.settings).statement_budget);  // stock_page_reads
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
  if (at == 3) {
    if (auto p = require_draft(rows_of(d1, 0)[0], "tasks can be generated")) return *p;
  }

  auto rules = scope_rules_from_rows(scopes);
  StockPlaces places = StockPlaces::from_json(ctx.state.value("places", json::object()));
  for (const auto& line : stock_lines_from_rows(rows_of(d1, at + 1))) {
    if (in_scope(rules, line)) places.add(line);
  }
  if (strategy == "by_zone_bin") {
    if (PageBounds bounds = page_bounds_from(rows_of(d1, at)); bounds.more) {
      return ask_d1(stock_page_reads(ctx, id, bounds.page_end, page_lines),
                    at_step(Step::kWalk,
                            {{"at", 0}, {"lines", page_lines}, {"scopes", scopes}, {"places", places.to_json()}}));
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
  std::vector<Statement> batch = {
      guard_exists("session not draft", kStillDraft, json::array({id, ctx.principal.business_id})),
      {"DELETE FROM stock_count_task WHERE session_id = ?1 AND business_id = ?2 AND status = " +
           status_sql(TaskStatus::kDraft),
       json::array({id, ctx.principal.business_id})}};
  IdMaker ids{ctx.nonce, 0};
  auto inserts = task_inserts(ctx.principal.business_id, id, generation.tasks,
                              std::string(task_status_name(TaskStatus::kDraft)),
                              ctx.now, ids);
  batch.insert(batch.end(), inserts.statements.begin(), inserts.statements.end());
  batch.push_back({std::string("SELECT ") + kTaskColumns +
                       " FROM stock_count_task t WHERE t.session_id = ?1 AND t.business_id = ?2 ORDER BY t.name",
                   json::array({id, ctx.principal.business_id})});
  return ask_d1(batch, at_step(Step::kWritten, {{"read_at", batch.size() - 1}}));
}

}  // namespace core::routes
