#include "routes/guardrails.h"

#include "problem.h"
#include "quantity.h"
#include "turn.h"

namespace core::routes {

namespace {

Statement guardrail_row(const Ctx& ctx) {
  return {"SELECT inventory_auto_pct, inventory_auto_value, updated_at, updated_by FROM guardrails WHERE business_id = ?1",
          json::array({ctx.principal.business_id})};
}

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

}  // namespace

json get_guardrails(const Ctx& ctx) {
  if (ctx.state.is_null()) return ask_d1({guardrail_row(ctx)}, {{"step", "read"}});
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  return respond_json(200, guardrail_json(rows_of(d1, 0)));
}

// { inventory_auto_pct: 0..100 (≤ 3 decimals), inventory_auto_value?: amount ≥ 0 | null }
json put_guardrails(const Ctx& ctx) {
  if (!ctx.state.is_null()) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return respond_json(200, guardrail_json(rows_of(d1, 1)));
  }
  auto read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  std::vector<FieldError> errors;
  const json* pct_field = member(*body, "inventory_auto_pct");
  std::optional<int64_t> pct = pct_field ? qty_from_json(*pct_field) : std::nullopt;
  if (!pct_field) errors.push_back({"inventory_auto_pct", "required"});
  else if (!pct || *pct < 0 || *pct > 100 * kQtyScale) {
    errors.push_back({"inventory_auto_pct", "must be a number from 0 to 100 with at most 3 decimals"});
  }
  json cap;  // NULL: no value cap
  if (const json* cap_field = member(*body, "inventory_auto_value"); cap_field && !cap_field->is_null()) {
    auto minor = money_from_json(*cap_field);
    if (!minor || *minor < 0) errors.push_back({"inventory_auto_value", "must be an amount ≥ 0 with at most 2 decimals, or null"});
    else cap = *minor;
  }
  if (!errors.empty()) return unprocessable("the guardrail cannot be saved", errors);
  return ask_d1({{"INSERT INTO guardrails (business_id, inventory_auto_pct, inventory_auto_value, updated_at, updated_by) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (business_id) DO UPDATE SET "
                  "inventory_auto_pct = excluded.inventory_auto_pct, inventory_auto_value = excluded.inventory_auto_value, "
                  "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                  json::array({ctx.principal.business_id, *pct, cap, ctx.now, ctx.principal.token_name})},
                 guardrail_row(ctx)},
                {{"step", "written"}});
}

}  // namespace core::routes
