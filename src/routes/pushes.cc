#include "routes/pushes.h"

#include "netsuite/push_status.h"
#include "queries/listing.h"
#include "netsuite/queries/pushes.h"
#include "query.h"
#include "pipeline/queries/reflexion.h"
#include "problem.h"
#include "quantity.h"
#include "write_guard.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

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

}  // namespace

json list_pushes(const Ctx& ctx) {
  std::string status = ctx.query_string("status");
  if (!status.empty() && !status_from<netsuite::PushStatus>(status)) {
    return unprocessable("invalid filter", {{"query.status", "must be pending, in_flight, done or dead"}});
  }
  Listing listing = netsuite::pushes_listing();
  listing.filter_equal(ctx, "status", "p.status");
  listing.filter_equal(ctx, "session_id", "a.session_id");
  return run_listing(ctx, listing, push_json);
}

// dead → pending with attempts reset and due now; the drainer is woken by the batch.
json retry_push(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  const json& d1 = ctx.first_result();
  Batch reads;
  auto found = reads.add(netsuite::push_row(ctx.principal.business(), id));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  if (step == Step::kWritten) {
    if (failed_on_guard(d1)) return conflict("the push is no longer dead; it was not retried");
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return respond_json(200, push_json(rows(d1, kept(ctx.state, "push"))[0]));
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, found).empty()) return not_found("NetSuite push");
  const json& row = rows(d1, found)[0];
  if (!is_status(string_or(row, "status", ""), netsuite::PushStatus::kDead)) {
    return conflict("only a dead push can be retried; this one is " + string_or(row, "status", "?"));
  }
  IdMaker ids{ctx.nonce, 0};
  Batch batch;
  batch.add(netsuite::push_retry(ctx.principal.business_id, id, ctx.now));
  batch.add(guard_previous_changed("push no longer dead"));
  auto log = pipeline::reflexion_inserts(
      ctx.principal.business_id, ctx.now,
      {{ids.next("rfx"), "push_retried", "sent to NetSuite again after: " + string_or(row, "last_error", "?"),
        ctx.principal.token_name, "inventory_adjustment", string_or(row, "adjustment_id", ""),
        {{"external_id", value_or_null(row, "external_id")}, {"attempts_before", value_or_null(row, "attempts")}}}});
  batch.add_all(std::move(log));
  json state = at_step(Step::kWritten);
  keep(state, "push", batch.add(netsuite::push_row(ctx.principal.business(), id)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
