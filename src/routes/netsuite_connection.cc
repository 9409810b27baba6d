#include "routes/netsuite_connection.h"

#include "netsuite/connection.h"
#include "problem.h"
#include "settings.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kStored, kSealed, kWritten };
constexpr std::array<std::string_view, 5> step_names(Step) { return {"", "read", "stored", "sealed", "written"}; }

Statement connection_row(const Ctx& ctx) {
  BusinessScope business = ctx.principal.business();
  return {std::string("SELECT ") + netsuite::kConnectionColumns + " FROM netsuite_connections WHERE business_id = " + business.sql(1),
          json::array({business.bound()})};
}

// The whole row as planned: plain columns, sealed secrets (new or kept), the other mode's secrets cleared.
Statement upsert(const Ctx& ctx, const netsuite::ConnectionPlan& plan, const json& sealed, const json& key_alg) {
  std::string columns = "business_id, account_id, base_url, auth_mode, subsidiary_id, adjustment_account_id, cert_id, "
                        "key_alg, updated_at, updated_by";
  json params = json::array({ctx.principal.business_id, plan.plain["account_id"], plan.plain["base_url"],
                             plan.plain["auth_mode"], plan.plain["subsidiary_id"], plan.plain["adjustment_account_id"],
                             plan.plain["cert_id"], key_alg, ctx.now, ctx.principal.token_name});
  for (const auto& field : netsuite::kSecretFields) {
    std::string column(field.column);
    columns += ", " + column;
    const json* value = member(sealed, column);
    if (value == nullptr) value = member(plan.kept, column);
    params.push_back(value ? *value : json());
  }
  std::string placeholders, updates;
  for (size_t i = 1; i <= params.size(); ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  size_t start = 0;
  while (start < columns.size()) {
    size_t comma = columns.find(", ", start);
    std::string column = columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (column != "business_id") updates += (updates.empty() ? "" : ", ") + column + " = excluded." + column;
    start = comma == std::string::npos ? columns.size() : comma + 2;
  }
  // Saving the connection wakes the drainer: adjustments may have waited for it.
  return {"INSERT INTO netsuite_connections (" + columns + ") VALUES (" + placeholders +
              ") ON CONFLICT (business_id) DO UPDATE SET " + updates,
          params, ctx.principal.business_id};
}

}  // namespace

json get_netsuite_connection(const Ctx& ctx) {
  if (ctx.state.is_null()) return ask_d1({connection_row(ctx)}, at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows_of(d1, 0).empty()) return not_found("NetSuite connection (PUT one first)");
  return respond_json(200, netsuite::connection_json(rows_of(d1, 0)[0]));
}

// read the stored row → validate against it → seal the new secrets (shell) → upsert → answer.
json put_netsuite_connection(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  auto step = step_of<Step>(ctx.state);
  const json& result = ctx.first_result();
  if (step == Step::kStart) return ask_d1({connection_row(ctx)}, at_step(Step::kStored));
  if (step == Step::kWritten) {
    if (!d1_ok(result)) return storage_failure(d1_error(result));
    return respond_json(200, netsuite::connection_json(rows_of(result, 1)[0]));
  }
  if (step == Step::kStored && !d1_ok(result)) return storage_failure(d1_error(result));
  const json& stored =
      step == Step::kStored ? (rows_of(result, 0).empty() ? json() : rows_of(result, 0)[0]) : ctx.state["stored"];
  auto plan = netsuite::plan_connection(read.value, stored, settings_of(ctx.settings).allow_loopback);
  if (!plan.errors.empty()) return unprocessable("the NetSuite connection cannot be saved", plan.errors);

  if (step == Step::kStored && !plan.to_seal.empty()) {
    return ask(json::array({{{"type", "seal"}, {"business_id", ctx.principal.business_id}, {"secrets", plan.to_seal}}}),
               at_step(Step::kSealed, {{"stored", stored}}));
  }
  json sealed = json::object();
  json key_alg = member(plan.plain, "key_alg") ? plan.plain["key_alg"] : json();
  if (step == Step::kSealed) {
    if (!bool_member(result, "ok").value_or(false)) {
      std::string column = string_or(result, "column", "");
      for (const auto& field : netsuite::kSecretFields) {
        if (field.column == column) {
          return unprocessable("the NetSuite connection cannot be saved",
                               {{std::string(field.body_name), string_or(result, "error", "cannot be used")}});
        }
      }
      return problem(503, "Secrets unavailable", string_or(result, "error", "the Worker cannot seal secrets"));
    }
    sealed = member(result, "sealed") ? result["sealed"] : json::object();
    if (auto alg = string_member(result, "key_alg")) key_alg = *alg;
  }
  return ask_d1({upsert(ctx, plan, sealed, key_alg), connection_row(ctx)}, at_step(Step::kWritten));
}

}  // namespace core::routes
