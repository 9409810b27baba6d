#include "routes/pushes.h"

#include "listing.h"
#include "pipeline/queries/reflexion.h"
#include "problem.h"
#include "quantity.h"
#include "write_guard.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

constexpr const char* kPushFrom =
    "ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id JOIN locations l ON l.id = a.location_id";
constexpr const char* kPushColumns =
    "p.id, p.external_id, p.status, p.attempts, p.next_attempt_at, p.last_error, p.ns_internal_id, p.lease_until, "
    "p.created_at, p.updated_at, a.id AS adjustment_id, a.direction, a.reason, a.session_id, a.proposed_action_id, "
    "a.location_id, l.code AS location_code, "
    "(SELECT COUNT(*) FROM inventory_adjustment_line x WHERE x.adjustment_id = a.id) AS line_count, "
    "(SELECT COALESCE(SUM(x.quantity), 0) FROM inventory_adjustment_line x WHERE x.adjustment_id = a.id) AS quantity, "
    "(SELECT COALESCE(SUM(x.quantity * x.unit_cost_minor), 0) FROM inventory_adjustment_line x "
    "WHERE x.adjustment_id = a.id) AS value_milli_minor";

// The adjustment summary as one object: direction, reason, lines, units and value.
json push_json(json row) {
  json summary = {{"id", row["adjustment_id"]}, {"direction", row["direction"]}, {"reason", row["reason"]},
                  {"session_id", row["session_id"]}, {"proposed_action_id", row["proposed_action_id"]},
                  {"location_id", row["location_id"]}, {"location_code", row["location_code"]},
                  {"lines", row["line_count"]}, {"quantity", qty_json(int_or(row, "quantity", 0))},
                  {"value", money_text((int_or(row, "value_milli_minor", 0) + 500) / 1000)}};
  for (const char* moved : {"adjustment_id", "direction", "reason", "session_id", "proposed_action_id", "location_id",
                            "location_code", "line_count", "quantity", "value_milli_minor"}) {
    row.erase(moved);
  }
  row["adjustment"] = std::move(summary);
  return row;
}

Statement push_row(const Ctx& ctx, const std::string& id) {
  BusinessScope business = ctx.principal.business();
  return {std::string("SELECT ") + kPushColumns + " FROM " + kPushFrom + " WHERE p.id = ?1 AND p.business_id = " + business.sql(2),
          json::array({id, business.bound()})};
}

}  // namespace

json list_pushes(const Ctx& ctx) {
  std::string status = ctx.query_string("status");
  if (!status.empty() && status != "pending" && status != "in_flight" && status != "done" && status != "dead") {
    return unprocessable("invalid filter", {{"query.status", "must be pending, in_flight, done or dead"}});
  }
  Listing listing{.from = kPushFrom, .columns = kPushColumns, .order_by = "p.created_at DESC, p.id",
                  .business_column = "p.business_id"};
  listing.filter_equal(ctx, "status", "p.status");
  listing.filter_equal(ctx, "session_id", "a.session_id");
  return run_listing(ctx, listing, push_json);
}

// dead → pending with attempts reset and due now; the drainer is woken by the batch.
json retry_push(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  const json& d1 = ctx.first_result();
  if (step == Step::kStart) return ask_d1({push_row(ctx, id)}, at_step(Step::kRead));
  if (step == Step::kWritten) {
    if (failed_on_guard(d1)) return conflict("the push is no longer dead; it was not retried");
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return respond_json(200, push_json(rows_of(d1, static_cast<size_t>(int_or(ctx.state, "read_at", 0)))[0]));
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows_of(d1, 0).empty()) return not_found("NetSuite push");
  const json& row = rows_of(d1, 0)[0];
  if (string_or(row, "status", "") != "dead") {
    return conflict("only a dead push can be retried; this one is " + string_or(row, "status", "?"));
  }
  IdMaker ids{ctx.nonce, 0};
  std::vector<Statement> batch = {
      {"UPDATE ns_pending_pushes SET status = 'pending', attempts = 0, next_attempt_at = ?1, lease_owner = NULL, "
       "lease_until = NULL, updated_at = ?1 WHERE id = ?2 AND business_id = ?3 AND status = 'dead'",
       json::array({ctx.now, id, ctx.principal.business_id}), ctx.principal.business_id},
      guard_previous_changed("push no longer dead")};
  auto log = pipeline::reflexion_inserts(
      ctx.principal.business_id, ctx.now,
      {{ids.next("rfx"), "push_retried", "sent to NetSuite again after: " + string_or(row, "last_error", "?"),
        ctx.principal.token_name, "inventory_adjustment", string_or(row, "adjustment_id", ""),
        {{"external_id", value_or_null(row, "external_id")}, {"attempts_before", value_or_null(row, "attempts")}}}});
  batch.insert(batch.end(), log.begin(), log.end());
  batch.push_back(push_row(ctx, id));
  return ask_d1(batch, at_step(Step::kWritten, {{"read_at", batch.size() - 1}}));
}

}  // namespace core::routes
