#include "routes/tokens.h"

#include <cctype>

#include "queries/listing.h"
#include "problem.h"
#include "query.h"
#include "routes/queries/tokens.h"
#include "role.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

// "tok_" + 16 lowercase hex digits, or nothing.
std::optional<std::string> hash_prefix_of(const std::string& id) {
  if (id.size() != 20 || id.rfind("tok_", 0) != 0) return std::nullopt;
  std::string hex = id.substr(4);
  for (char c : hex) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return std::nullopt;
  }
  return hex;
}

// create: mint (the shell makes the secret), write, answer. revoke, limits: write and read back, answer.
enum class Step { kStart, kMinted, kWritten, kRevoked };
constexpr std::array<std::string_view, 4> step_names(Step) { return {"", "minted", "written", "revoked"}; }

// A token as listed: its approval limits as one object (null: none).
json token_json(json row) {
  json limits = limits_json(limits_of_row(row));
  for (const char* k : {"limit_qty", "limit_pct", "limit_value_minor"}) row.erase(k);
  row["limits"] = std::move(limits);
  return row;
}

// The body's `limits`, checked: for approvers and admins only.
std::optional<ApprovalLimits> body_limits(const json& body, std::optional<Role> role, std::vector<FieldError>& errors) {
  const json* given = member(body, "limits");
  if (!given) return ApprovalLimits{};
  auto limits = limits_from_json(*given, "limits", errors);
  if (limits && limits->any() && role && *role == Role::kScanner) {
    errors.push_back({"limits", "a scanner decides nothing: limits are for approvers and admins"});
    return std::nullopt;
  }
  return limits;
}

}  // namespace

json create_token(const Ctx& ctx) {
  auto step = step_of<Step>(ctx.state);
  if (step == Step::kWritten) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    json shown = ctx.state["token"];
    shown["note"] = "the token is shown only now; store it where the scanner or script will read it";
    return respond_json(201, shown);
  }
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json& body = read.value;
  if (step == Step::kStart) {
    std::vector<FieldError> errors;
    // A replayed answer would keep the token at rest in idempotency_keys: no key here.
    if (!string_or(ctx.request, "idempotency_key", "").empty()) {
      errors.push_back({"Idempotency-Key", "not accepted here: a token is shown once and never stored"});
    }
    std::string name = string_or(body, "name", "");
    if (name.empty()) errors.push_back({"name", "required"});
    else if (auto long_name = text_too_long(body, "name", kMaxNameLength)) errors.push_back(*long_name);
    auto role = role_from_name(string_or(body, "role", ""));
    if (!role || *role == Role::kPublic) errors.push_back({"role", "must be scanner, approver or admin"});
    body_limits(body, role, errors);
    if (!errors.empty()) return unprocessable("the token cannot be made", errors);
    return ask(json::array({{{"type", "new_token"}}}), at_step(Step::kMinted));
  }
  // Step::kMinted: the shell made the secret and its hash; only the hash is written.
  const json& minted = ctx.first_result();
  std::string token = string_or(minted, "token", ""), hash = string_or(minted, "token_sha256", "");
  if (!bool_member(minted, "ok").value_or(false) || token.empty() || hash.size() != 64) {
    return problem(500, "Token not made", "the shell could not make a token");
  }
  std::string name = string_or(body, "name", ""), role = string_or(body, "role", "");
  std::vector<FieldError> ignored;
  ApprovalLimits limits = body_limits(body, role_from_name(role), ignored).value_or(ApprovalLimits{});
  json shown = {{"id", "tok_" + hash.substr(0, 16)}, {"name", name}, {"role", role}, {"created_at", ctx.now},
                {"last_used_at", nullptr}, {"revoked_at", nullptr}, {"limits", limits_json(limits)}, {"token", token}};
  return ask_d1({token_insert(hash, ctx.principal.business_id, role, name, ctx.now, limits_params(limits))},
                at_step(Step::kWritten, {{"token", std::move(shown)}}));
}

json list_tokens(const Ctx& ctx) {
  Listing listing = tokens_listing();
  listing.filter_equal(ctx, "role", "t.role");
  return run_listing(ctx, listing, token_json);
}

json revoke_token(const Ctx& ctx) {
  auto prefix = hash_prefix_of(ctx.param("id"));
  if (!prefix) return not_found("token");
  Batch batch;
  batch.add(token_revoke(ctx.principal.business_id, *prefix, ctx.now));
  auto token = batch.add(token_by_prefix(ctx.principal.business_id, *prefix));
  if (step_of<Step>(ctx.state) == Step::kStart) return ask_d1(batch.take(), at_step(Step::kRevoked));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& revoked = rows(d1, token);
  if (revoked.empty()) return not_found("token");
  return respond_json(200, token_json(revoked[0]));
}

// { limits: { qty?, pct?, value? } | null } → the token with its new limits (a live token of the
// business; another's, or a revoked one, is 404).
json update_token(const Ctx& ctx) {
  auto prefix = hash_prefix_of(ctx.param("id"));
  if (!prefix) return not_found("token");
  if (step_of<Step>(ctx.state) == Step::kWritten) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    const json& found = rows(d1, kept(ctx.state, "token"));
    if (found.empty() || !found[0]["revoked_at"].is_null()) return not_found("token");
    if (bool_member(ctx.state, "any").value_or(false) && string_or(found[0], "role", "") == role_name(Role::kScanner)) {
      return unprocessable("the token cannot be changed", {{"limits", "a scanner decides nothing: limits are for approvers and admins"}});
    }
    return respond_json(200, token_json(found[0]));
  }
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : read.value.items()) {
    if (key != "limits") errors.push_back({key, "only limits can change; make a new token for another name or role"});
  }
  if (!member(read.value, "limits")) errors.push_back({"limits", "required: { qty?, pct?, value? }, or null for none"});
  auto limits = body_limits(read.value, std::nullopt, errors);
  if (!errors.empty() || !limits) return unprocessable("the token cannot be changed", errors);
  Batch batch;
  batch.add(token_limits_update(ctx.principal.business_id, *prefix, limits_params(*limits), std::string(role_name(Role::kScanner))));
  json state = at_step(Step::kWritten, {{"any", limits->any()}});
  keep(state, "token", batch.add(token_by_prefix(ctx.principal.business_id, *prefix)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
