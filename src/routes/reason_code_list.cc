#include "routes/reason_code_list.h"

#include "json_access.h"
#include "problem.h"
#include "queries/business_settings.h"
#include "query.h"
#include "reason_codes.h"
#include "steps.h"
#include "turn.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

json read_back(const Ctx& ctx, Batch& batch, json state) {
  keep(state, "settings", batch.add(queries::business_settings_row(ctx.principal.business())));
  return ask_d1(batch.take(), std::move(state));
}

// { items, customized, updated_at, updated_by }: customized is false while the defaults apply.
json answer(const Ctx& ctx) {
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& settings = rows(d1, kept(ctx.state, "settings"));
  bool saved = !settings.empty() && !string_or(settings[0], "reason_codes", "").empty();
  return respond_json(200, {{"items", reason_codes_json(reason_codes_of_settings(settings))},
                            {"customized", saved},
                            {"updated_at", saved ? value_or_null(settings[0], "updated_at") : json()},
                            {"updated_by", saved ? value_or_null(settings[0], "updated_by") : json()}});
}

}  // namespace

json get_reason_codes(const Ctx& ctx) {
  if (step_of<Step>(ctx.state) == Step::kRead) return answer(ctx);
  Batch batch;
  return read_back(ctx, batch, at_step(Step::kRead));
}

json put_reason_codes(const Ctx& ctx) {
  if (step_of<Step>(ctx.state) == Step::kWritten) return answer(ctx);
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : read.value.items()) {
    if (key != "items") errors.push_back({key, "not a field: send { \"items\": [{ code, label, ns_memo? }] }"});
  }
  const json* items = member(read.value, "items");
  auto codes = reason_codes_from_json(items ? *items : json(), "items", errors);
  if (!codes || !errors.empty()) return unprocessable("the reason codes cannot be saved", errors);
  queries::SettingsChange change;
  change.reason_codes = reason_codes_text(*codes);
  Batch batch;
  batch.add(queries::business_settings_upsert(ctx.principal.business_id, change, ctx.now, ctx.principal.token_name));
  return read_back(ctx, batch, at_step(Step::kWritten));
}

}  // namespace core::routes
