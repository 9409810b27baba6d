#include "routes/guardrails.h"

#include "pipeline/guardrail.h"
#include "pipeline/queries/guardrails.h"
#include "query.h"
#include "problem.h"
#include "quantity.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

// Percent as a number (5, 2.5); the value cap as a decimal string and in minor units; the recount
// threshold as set (null: the default) and as it applies.
json guardrail_json(const json& rows) {
  const json* row = rows.empty() ? nullptr : &rows[0];  // never set: nothing is adjusted without a person
  pipeline::Guardrail g = pipeline::guardrail_from_row(row);
  auto money_or_null = [](const std::optional<int64_t>& v) { return v ? json(money_text(*v)) : json(); };
  return {{"inventory_auto_pct", qty_json(g.auto_pct_milli)},
          {"inventory_auto_value", money_or_null(g.auto_value_minor)},
          {"inventory_auto_value_minor", g.auto_value_minor ? json(*g.auto_value_minor) : json()},
          {"recount_pct", g.recount_pct_set ? qty_json(*g.recount_pct_set) : json()},
          {"recount_value", money_or_null(g.recount_value_set)},
          {"recount_pct_applied", qty_json(g.recount_pct_milli())},
          {"recount_value_applied", money_or_null(g.recount_value_minor())},
          {"updated_at", row ? value_or_null(*row, "updated_at") : json()},
          {"updated_by", row ? value_or_null(*row, "updated_by") : json()}};
}

// get: read, answer. put: write and read back, answer.
enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

}  // namespace

json get_guardrails(const Ctx& ctx) {
  Batch reads;
  auto row = reads.add(pipeline::guardrail_row(ctx.principal.business()));
  if (step_of<Step>(ctx.state) == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  return respond_json(200, guardrail_json(rows(d1, row)));
}

// { inventory_auto_pct: 0..100 (≤ 3 decimals), inventory_auto_value?: amount ≥ 0 | null,
//   recount_pct?, recount_value? (null: twice the auto limits) }
json put_guardrails(const Ctx& ctx) {
  if (step_of<Step>(ctx.state) == Step::kWritten) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return respond_json(200, guardrail_json(rows(d1, kept(ctx.state, "guardrail"))));
  }
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  std::vector<FieldError> errors;
  auto guardrail = pipeline::guardrail_from_body(read.value, errors);
  if (!guardrail) return unprocessable("the guardrail cannot be saved", errors);
  Batch batch;
  batch.add(pipeline::guardrail_upsert(ctx.principal.business_id, *guardrail, ctx.now, ctx.principal.token_name));
  json state = at_step(Step::kWritten);
  keep(state, "guardrail", batch.add(pipeline::guardrail_row(ctx.principal.business())));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
