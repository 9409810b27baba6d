#include "routes/netsuite_connection.h"

#include "netsuite/connection.h"
#include "netsuite/queries/connection.h"
#include "problem.h"
#include "settings.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kStored, kSealed, kWritten };
constexpr std::array<std::string_view, 5> step_names(Step) { return {"", "read", "stored", "sealed", "written"}; }

}  // namespace

json get_netsuite_connection(const Ctx& ctx) {
  Batch reads;
  auto row = reads.add(netsuite::connection_row(ctx.principal.business()));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, row).empty()) return not_found("NetSuite connection (PUT one first)");
  return respond_json(200, netsuite::connection_json(rows(d1, row)[0]));
}

// read the stored row → validate against it → seal the new secrets (shell) → upsert → answer.
json put_netsuite_connection(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  auto step = step_of<Step>(ctx.state);
  const json& result = ctx.first_result();
  Batch reads;
  auto row = reads.add(netsuite::connection_row(ctx.principal.business()));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kStored));
  if (step == Step::kWritten) {
    if (!d1_ok(result)) return storage_failure(d1_error(result));
    return respond_json(200, netsuite::connection_json(rows(result, kept(ctx.state, "connection"))[0]));
  }
  if (step == Step::kStored && !d1_ok(result)) return storage_failure(d1_error(result));
  const json& stored =
      step == Step::kStored ? (rows(result, row).empty() ? json() : rows(result, row)[0]) : ctx.state["stored"];
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
  // The write, and the row read back.
  Batch write;
  write.add(netsuite::connection_upsert({ctx.principal.business_id, ctx.now, ctx.principal.token_name}, plan, sealed,
                                        key_alg));
  json state = at_step(Step::kWritten);
  keep(state, "connection", write.add(netsuite::connection_row(ctx.principal.business())));
  return ask_d1(write.take(), std::move(state));
}

}  // namespace core::routes
