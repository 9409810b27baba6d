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

// Percent as a number (5, 2.5); the value cap as a decimal string and in minor units.
json guardrail_json(const json& rows) {
  if (rows.empty()) {  // never set: nothing is adjusted without a person
    return {{"inventory_auto_pct", 0}, {"inventory_auto_value", nullptr}, {"inventory_auto_value_minor", nullptr},
            {"updated_at", nullptr}, {"updated_by", nullptr}};
  }
  const json& row = rows[0];
  const json* cap = member(row, "inventory_auto_value");
  bool has_cap = cap && cap->is_number_integer();
  return {{"inventory_auto_pct", qty_json(int_or(row, "inventory_auto_pct", 0))},
          {"inventory_auto_value", has_cap ? json(money_text(as_int(*cap))) : json()},
          {"inventory_auto_value_minor", has_cap ? *cap : json()},
          {"updated_at", value_or_null(row, "updated_at")},
          {"updated_by", value_or_null(row, "updated_by")}};
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

// { inventory_auto_pct: 0..100 (≤ 3 decimals), inventory_auto_value?: amount ≥ 0 | null }
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
  json cap = guardrail->auto_value_minor ? json(*guardrail->auto_value_minor) : json();  // NULL: no value cap
  Batch batch;
  batch.add(pipeline::guardrail_upsert(ctx.principal.business_id, guardrail->auto_pct_milli, cap, ctx.now,
                                       ctx.principal.token_name));
  json state = at_step(Step::kWritten);
  keep(state, "guardrail", batch.add(pipeline::guardrail_row(ctx.principal.business())));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
