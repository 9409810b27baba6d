#include "http_conversation.h"

#include "idempotency.h"
#include "problem.h"
#include "router.h"
#include "turn.h"

namespace core {

namespace {

// The conversation's own state wraps the handler's: {"phase", "principal", "idem", "h"}.
json principal_to_json(const Principal& p) {
  return {{"business_id", p.business_id}, {"token_name", p.token_name}, {"role", role_name(p.role)}};
}

Principal principal_from_json(const json& j) {
  Principal p;
  p.business_id = string_or(j, "business_id", "");
  p.token_name = string_or(j, "token_name", "");
  p.role = role_from_name(string_or(j, "role", "")).value_or(Role::kPublic);
  return p;
}

json unauthenticated() {
  return problem(401, "Unauthenticated", "send a valid token in the X-Edit-Token header");
}

// Runs the handler and re-wraps what it asks for, so the next turn comes back here.
json run_handler(const json& input, const RouteMatch& match, const Principal& principal,
                 const json& handler_state, const json& results, bool idempotent) {
  static const json kNull;
  const json* request = member(input, "request");
  const json* query = request ? member(*request, "query") : nullptr;
  static const json kEmptyObject = json::object();
  Ctx ctx{request ? *request : kNull,
          query ? *query : kEmptyObject,
          match.params,
          principal,
          handler_state,
          results,
          string_or(input, "now", ""),
          string_or(input, "nonce", ""),
          member(input, "settings") ? input["settings"] : kEmptyObject};
  json out = match.route->handler(ctx);
  if (is_response(out)) {
    if (idempotent) return remember_response(input, principal, std::move(out));
    return out;
  }
  json wrapped = {{"phase", "handler"}, {"principal", principal_to_json(principal)},
                  {"idem", idempotent}, {"h", member(out, "state") ? out["state"] : json()}};
  out["state"] = std::move(wrapped);
  return out;
}

}  // namespace

json http_turn(const json& input) {
  static const json kNull;
  const json* request = member(input, "request");
  if (request == nullptr) return problem(500, "Core input malformed", "http input without request");
  std::string method = string_or(*request, "method", "GET");
  std::string path = string_or(*request, "path", "/");
  RouteMatch match = match_route(route_table(), method, path);
  if (match.route == nullptr) {
    if (match.path_exists) return problem(405, "Method not allowed", method + " is not served on " + path);
    return problem(404, "Not found", "no resource at " + path);
  }

  const json* turn = member(input, "turn");
  const json& state = turn ? (member(*turn, "state") ? (*turn)["state"] : kNull) : kNull;
  const json& results = turn ? (member(*turn, "results") ? (*turn)["results"] : kNull) : kNull;
  std::string phase = string_or(state, "phase", "");

  if (match.route->least_role == Role::kPublic) {
    return run_handler(input, match, Principal{}, member(state, "h") ? state["h"] : kNull, results, false);
  }

  if (phase.empty()) {
    auto token_hash = string_member(*request, "token_sha256");
    if (!token_hash || token_hash->empty()) return unauthenticated();
    return ask_d1({{"SELECT business_id, role, name FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
                    json::array({*token_hash})}},
                  {{"phase", "auth"}});
  }

  if (phase == "auth") {
    const json& d1 = results.is_array() && !results.empty() ? results[0] : kNull;
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    const json& rows = rows_of(d1, 0);
    if (rows.empty()) return unauthenticated();
    Principal principal;
    principal.business_id = string_or(rows[0], "business_id", "");
    principal.token_name = string_or(rows[0], "name", "");
    principal.role = role_from_name(string_or(rows[0], "role", "")).value_or(Role::kPublic);
    if (!role_allows(principal.role, match.route->least_role)) {
      return problem(403, "Forbidden",
                     "this action needs the " + std::string(role_name(match.route->least_role)) +
                         " role; the token has " + std::string(role_name(principal.role)));
    }
    if (wants_idempotency(*request)) {
      return ask_d1({lookup_statement(*request, principal)},
                    {{"phase", "idem"}, {"principal", principal_to_json(principal)}});
    }
    return run_handler(input, match, principal, kNull, kNull, false);
  }

  Principal principal = principal_from_json(member(state, "principal") ? state["principal"] : kNull);
  if (phase == "idem") {
    const json& d1 = results.is_array() && !results.empty() ? results[0] : kNull;
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    if (auto replay = replay_if_seen(*request, rows_of(d1, 0))) return *replay;
    return run_handler(input, match, principal, kNull, kNull, true);
  }
  return run_handler(input, match, principal, member(state, "h") ? state["h"] : kNull, results,
                     bool_member(state, "idem").value_or(false));
}

}  // namespace core
