// POST /api/netsuite/connection/test: read the stored connection → authenticate as a push would
// (authorized.h: unseal, sign, token) → look up its subsidiary and adjustment account by SuiteQL
// → answer every check (netsuite/connection_check.h). Nothing is written.
#include "netsuite/authorized.h"
#include "netsuite/connection.h"
#include "netsuite/connection_check.h"
#include "netsuite/queries/connection.h"
#include "routes/netsuite_connection.h"
#include "steps.h"
#include "turn.h"
#include "utc_time.h"

namespace core::routes {

namespace {

using netsuite::AuthStep;
using netsuite::CheckName;
using netsuite::check_json;

enum class Step { kStart, kRead, kAuth, kFetched };
constexpr std::array<std::string_view, 4> step_names(Step) { return {"", "read", "auth", "fetched"}; }

constexpr int64_t kCheckTimeoutMs = 15000;

netsuite::AuthContext auth_context(const Ctx& ctx, const json& connection) {
  return {ctx.principal.business_id, connection, epoch_ms_of(ctx.now).value_or(0), ctx.nonce, kCheckTimeoutMs};
}

json answer(const json& connection, std::vector<json> checks, const Ctx& ctx) {
  json body = netsuite::test_answer(connection, checks, ctx.now);
  json out = respond_json(200, body);
  std::string failed;
  for (const auto& c : checks) {
    if (!bool_member(c, "ok").value_or(false)) failed = string_or(c, "check", "") + ": " + string_or(c, "detail", "");
  }
  out["log"] = "netsuite connection test: " + (failed.empty() ? std::string("ok") : failed);
  return out;
}

json credentials_ok() {
  return check_json(CheckName::kCredentials, true, std::nullopt, "the stored credentials signed the request");
}

// The next authentication step, or the lookups themselves once signed in.
json next_call(const Ctx& ctx, json state) {
  const json connection = state["connection"];
  netsuite::AuthAsk next = netsuite::authorize(state["auth"], auth_context(ctx, connection), netsuite::lookup_calls(connection));
  state["auth_step"] = static_cast<int>(next.step);
  move_to(state, next.step == AuthStep::kFetch ? Step::kFetched : Step::kAuth);
  return ask(next.effects, std::move(state));
}

}  // namespace

json test_netsuite_connection(const Ctx& ctx) {
  auto step = step_of<Step>(ctx.state);
  if (!step) return problem(500, "Core input malformed", "a connection test step the core never handed out");
  Batch reads;
  auto row = reads.add(netsuite::connection_row(ctx.principal.business()));
  if (*step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  if (*step == Step::kRead) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    if (rows(d1, row).empty()) return not_found("NetSuite connection (PUT one first)");
    const json& connection = rows(d1, row)[0];
    auto missing = netsuite::missing_secrets(connection);
    if (!missing.empty()) {
      std::string names;
      for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
      return answer(connection, {check_json(CheckName::kCredentials, false, std::nullopt, "not stored: " + names)}, ctx);
    }
    return next_call(ctx, {{"connection", connection}, {"auth", json::object()}});
  }
  json state = ctx.state;
  const json connection = state["connection"];
  auto actx = auth_context(ctx, connection);
  if (*step == Step::kAuth) {
    auto auth_step = static_cast<AuthStep>(int_or(state, "auth_step", 0));
    auto error = netsuite::take_auth_results(state["auth"], auth_step, ctx.results, actx);
    if (error && auth_step == AuthStep::kToken) {
      const json& r = ctx.results.is_array() && !ctx.results.empty() ? ctx.results[0] : json();
      auto status = r.is_object() && member(r, "status") ? std::optional<int>(int_or(r, "status", 0)) : std::nullopt;
      return answer(connection, {credentials_ok(), check_json(CheckName::kLogin, false, status, *error)}, ctx);
    }
    if (error) return answer(connection, {check_json(CheckName::kCredentials, false, std::nullopt, *error)}, ctx);
    if (auth_step == AuthStep::kToken) state["login_detail"] = "NetSuite issued an access token";
    if (auth_step == AuthStep::kSign) {
      json effects = netsuite::signed_fetches(state["auth"], actx, netsuite::lookup_calls(connection), ctx.results);
      state["auth_step"] = static_cast<int>(AuthStep::kFetch);
      move_to(state, Step::kFetched);
      return ask(std::move(effects), std::move(state));
    }
    return next_call(ctx, std::move(state));
  }
  // kFetched: what NetSuite answered to the lookups.
  std::vector<json> checks = {credentials_ok()};
  auto found = netsuite::lookup_checks(connection, ctx.results,
                                       string_or(state, "login_detail", "NetSuite accepted the signed request"));
  checks.insert(checks.end(), found.begin(), found.end());
  return answer(connection, checks, ctx);
}

}  // namespace core::routes
