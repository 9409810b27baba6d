#include "http_conversation.h"

#include "auth_fold.h"
#include "blind.h"
#include "idempotency.h"
#include "problem.h"
#include "queries/auth.h"
#include "query.h"
#include "router.h"
#include "steps.h"
#include "turn.h"

namespace core {

namespace {

const json kNull;

// The conversation's phase between turns (its state's "phase"): the first turn; the token
// lookup asked for alone, or with the handler's first reads; the Idempotency-Key read (or
// waited for); the handler's own turns.
enum class Phase { kStart, kAuth, kAuthFolded, kIdem, kIdemWait, kHandler };
constexpr std::array<std::string_view, 6> step_names(Phase) {
  return {"", "auth", "auth_folded", "idem", "idem_wait", "handler"};
}

// The conversation's own state wraps the handler's: its phase (below), "principal", "idem", "h".
json principal_to_json(const Principal& p) {
  json j = {{"business_id", p.business_id}, {"token_name", p.token_name}, {"role", role_name(p.role)}};
  if (!p.touch_token_hash.empty()) j["touch"] = p.touch_token_hash;
  if (p.blind) j["blind"] = true;
  if (p.gs1_separator != '\0') j["gs1_separator"] = std::string(1, p.gs1_separator);
  if (p.limits.any()) j["limits"] = limits_params(p.limits);
  return j;
}

Principal principal_from_json(const json& j) {
  Principal p;
  p.business_id = string_or(j, "business_id", "");
  p.token_name = string_or(j, "token_name", "");
  p.role = role_from_name(string_or(j, "role", "")).value_or(Role::kPublic);
  p.touch_token_hash = string_or(j, "touch", "");
  p.blind = bool_member(j, "blind").value_or(false);
  std::string separator = string_or(j, "gs1_separator", "");
  p.gs1_separator = separator.size() == 1 ? separator[0] : '\0';
  if (const json* l = member(j, "limits"); l && l->is_array() && l->size() == 3) {
    p.limits = limits_of_row({{"limit_qty", (*l)[0]}, {"limit_pct", (*l)[1]}, {"limit_value_minor", (*l)[2]}});
  }
  return p;
}

// A token's last use is kept to the minute: the first answer in a minute marks it, after the
// answer left (the shell runs "after" effects once the response is sent, never delaying it).
bool last_use_is_stale(const json& token_row, const std::string& now) {
  const json* last = member(token_row, "last_used_at");
  if (last == nullptr || !last->is_string()) return true;
  return last->get_ref<const std::string&>().substr(0, 16) != now.substr(0, 16);
}

json mark_token_used(const std::string& token_hash, const std::string& now) {
  return json::array({d1_effect({token_used(token_hash, now)})});
}

json unauthenticated() {
  return problem(401, "Unauthenticated", "send a valid token in the X-Edit-Token header");
}

// An idempotent conversation's own record: {"owner": the conversation's id,
// "claimed": a write batch with the key's claim committed, "writing": the last
// batch asked for carries the claim}. Null when the request has no key.
struct Idem {
  bool on = false;
  std::string owner;
  bool claimed = false, writing = false;
  json to_json() const {
    return on ? json{{"owner", owner}, {"claimed", claimed}, {"writing", writing}} : json();
  }
  static Idem from_json(const json& j) {
    if (!j.is_object()) return {};
    return {true, string_or(j, "owner", ""), bool_member(j, "claimed").value_or(false),
            bool_member(j, "writing").value_or(false)};
  }
};

// The handler's own output for this turn.
json call_handler(const json& input, const RouteMatch& match, const Principal& principal, const json& handler_state,
                  const json& results) {
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
  BlindAnswers blind(principal.blind);
  return match.route->handler(ctx);
}

// Runs the handler and re-wraps what it asks for, so the next turn comes back here.
json run_handler(const json& input, const RouteMatch& match, const Principal& principal,
                 const json& handler_state, const json& results, Idem idem) {
  json out = call_handler(input, match, principal, handler_state, results);
  if (is_response(out)) {
    // For the shell's log line: which route answered, for which business (never who or what was sent).
    out["served"] = {{"route", std::string(match.route->method) + " " + std::string(match.route->pattern)},
                     {"business_id", principal.business_id}};
    if (!principal.touch_token_hash.empty()) {
      out["after"] = mark_token_used(principal.touch_token_hash, string_or(input, "now", ""));
    }
    if (principal.blind) withhold_from_response(out["respond"]);
    if (idem.on) return remember_response(input, principal, idem.owner, idem.claimed, std::move(out));
    return out;
  }
  idem.writing = false;
  if (idem.on && member(out, "effects")) {
    // The key is claimed by the command's own write batch: both commit, or neither.
    for (auto& effect : out["effects"]) {
      if (!is_write_batch(effect)) continue;
      for (const auto& claim : claim_statements(input, principal, idem.owner)) {
        effect["statements"].push_back({{"sql", claim.sql}, {"params", claim.params}});
      }
      idem.writing = true;
    }
  }
  json wrapped = at_step(Phase::kHandler, {{"principal", principal_to_json(principal)}, {"idem", idem.to_json()},
                                          {"h", member(out, "state") ? out["state"] : json()}}, "phase");
  out["state"] = std::move(wrapped);
  return out;
}

bool all_ok(const json& results) {
  if (!results.is_array()) return true;
  for (const auto& r : results) {
    if (!bool_member(r, "ok").value_or(false)) return false;
  }
  return true;
}

// What a stored key says for this request: replay, 422, wait for the first answer, or run.
json after_lookup(const json& input, const RouteMatch& match, const Principal& principal, const json& rows,
                  const json& state) {
  const json& request = input["request"];
  const json* saved = member(state, "saved");
  Idem mine = Idem::from_json(member(state, "idem") ? state["idem"] : json());
  bool own_claim = !rows.empty() && mine.on && string_or(rows[0], "owner", "") == mine.owner;
  switch (own_claim ? KeySeen::kNew : key_seen(request, rows)) {
    case KeySeen::kReplay: {
      json replayed = replay(rows[0]);  // stored as the first answer went out: blind when it was
      if (principal.blind) withhold_from_response(replayed["respond"]);
      return replayed;
    }
    case KeySeen::kMismatch: return key_mismatch();
    case KeySeen::kInProgress: {
      int waited = static_cast<int>(int_or(state, "waited", 0));
      if (waited >= kIdempotencyWaitTurns) {
        return conflict("a request with this Idempotency-Key is still being processed; retry in a moment");
      }
      json next = state;
      move_to(next, Phase::kIdemWait, "phase");
      next["waited"] = waited + 1;
      return wait_for_key(request, principal, next);
    }
    case KeySeen::kNew: break;
  }
  // A first request; or the key vanished (its claim rolled back). A conversation that
  // already ran its handler and lost its batch to the key re-runs from its saved turn.
  if (saved != nullptr) return run_handler(input, match, principal, (*saved)["h"], (*saved)["results"], mine);
  Idem idem{true, "idem_" + string_or(input, "nonce", ""), false, false};
  return run_handler(input, match, principal, json(), json(), idem);
}

// One turn of a conversation past routing.
struct Turn {
  const json& input;
  const json& request;
  const RouteMatch& match;
  const json& state;
  const json& results;
};

const json& field_or_null(const json& j, const char* name) {
  const json* at = member(j, name);
  return at ? *at : kNull;
}

// First turn: the token lookup, with the handler's first reads when they can ride along (auth_fold.h).
json start(const Turn& t) {
  auto token_hash = string_member(t.request, "token_sha256");
  if (!token_hash || token_hash->empty()) return unauthenticated();
  if (auto bad_key = key_problem(t.request)) return *bad_key;
  AuthRead auth = auth_read(*token_hash);
  const Statement& lookup = auth.batch.statements()[auth.token.at];
  if (!wants_idempotency(t.request)) {
    Principal unchecked{kUncheckedToken, kUncheckedToken, t.match.route->least_role};
    unchecked.unchecked_token_hash = *token_hash;
    json first = call_handler(t.input, t.match, unchecked, json(), json());
    if (auto folded = auth_fold::fold(first, *token_hash, {{"sql", lookup.sql}, {"params", lookup.params}})) {
      return ask(json::array({std::move(*folded)}),
                 at_step(Phase::kAuthFolded, {{"h", field_or_null(first, "state")}}, "phase"));
    }
  }
  return ask_d1(auth.batch.take(), at_step(Phase::kAuth, json::object(), "phase"));
}

// The token checked (401/403 before anything else), then the key's lookup, the handler's
// folded reads, or its first turn.
json after_auth(const Turn& t, Phase phase) {
  const json& d1 = t.results.is_array() && !t.results.empty() ? t.results[0] : kNull;
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& rows = core::rows(d1, kTokenLookup);
  if (rows.empty()) return unauthenticated();
  if (auto revoked = string_member(rows[0], "revoked_at")) {
    // Said in words, so a phone signed in with it can tell its counter why (the business's reads
    // name only live tokens: a revoked one's folded reads found nothing).
    return problem(401, "Token revoked", "this token was revoked on " + revoked->substr(0, 10) +
                                             "; ask an admin for a new one");
  }
  Principal principal;
  principal.business_id = string_or(rows[0], "business_id", "");
  principal.token_name = string_or(rows[0], "name", "");
  principal.role = role_from_name(string_or(rows[0], "role", "")).value_or(Role::kPublic);
  principal.blind = principal.role == Role::kScanner && int_or(rows[0], "blind_counts", 1) != 0;
  std::string separator = string_or(rows[0], "gs1_separator", "");
  principal.gs1_separator = separator.size() == 1 ? separator[0] : '\0';
  principal.limits = limits_of_row(rows[0]);
  if (last_use_is_stale(rows[0], string_or(t.input, "now", ""))) {
    principal.touch_token_hash = string_or(t.request, "token_sha256", "");
  }
  if (!role_allows(principal.role, t.match.route->least_role)) {
    return problem(403, "Forbidden",
                   "this action needs the " + std::string(role_name(t.match.route->least_role)) +
                       " role; the token has " + std::string(role_name(principal.role)));
  }
  if (phase == Phase::kAuthFolded) {
    return run_handler(t.input, t.match, principal, field_or_null(t.state, "h"), auth_fold::handler_results(d1),
                       Idem{});
  }
  if (wants_idempotency(t.request)) {
    Batch lookup;
    lookup.add(lookup_statement(t.request, principal));
    return ask_d1(lookup.take(), at_step(Phase::kIdem, {{"principal", principal_to_json(principal)}}, "phase"));
  }
  return run_handler(t.input, t.match, principal, json(), json(), Idem{});
}

json after_key_lookup(const Turn& t) {
  Principal principal = principal_from_json(field_or_null(t.state, "principal"));
  const json& d1 = t.results.is_array() && !t.results.empty() ? t.results[t.results.size() - 1] : kNull;
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  Batch lookup;
  auto key = lookup.add(lookup_statement(t.request, principal));
  return after_lookup(t.input, t.match, principal, rows(d1, key), t.state);
}

json after_handler_turn(const Turn& t) {
  Principal principal = principal_from_json(field_or_null(t.state, "principal"));
  Idem idem = Idem::from_json(field_or_null(t.state, "idem"));
  const json& handler_state = field_or_null(t.state, "h");
  if (idem.on && idem.writing) {
    if (!all_ok(t.results)) {
      // The batch failed: perhaps another request holds the key. Read it before telling the handler.
      json next = at_step(Phase::kIdem, {{"principal", t.state["principal"]}, {"idem", idem.to_json()},
                                         {"saved", {{"h", handler_state}, {"results", t.results}}}}, "phase");
      next["idem"]["writing"] = false;
      return ask_d1({lookup_statement(t.request, principal)}, next);
    }
    idem.claimed = true;
  }
  return run_handler(t.input, t.match, principal, handler_state, t.results, idem);
}

}  // namespace

json http_turn(const json& input) {
  const json* request = member(input, "request");
  if (request == nullptr) return problem(500, "Core input malformed", "http input without request");
  std::string method = string_or(*request, "method", "GET");
  std::string path = string_or(*request, "path", "/");
  RouteMatch match = match_route(route_table(), method, path);
  if (match.route == nullptr) {
    if (match.path_exists) return problem(405, "Method not allowed", method + " is not served on " + path);
    return problem(404, "Not found", "no resource at " + path);
  }

  const json& turn = field_or_null(input, "turn");
  const json& state = field_or_null(turn, "state");
  const json& results = field_or_null(turn, "results");
  if (match.route->least_role == Role::kPublic) {
    return run_handler(input, match, Principal{}, field_or_null(state, "h"), results, Idem{});
  }
  Turn t{input, *request, match, state, results};
  auto phase = step_of<Phase>(state, "phase");
  if (!phase) return problem(500, "Core input malformed", "a conversation state the core never handed out");
  switch (*phase) {
    case Phase::kStart: return start(t);
    case Phase::kAuth:
    case Phase::kAuthFolded: return after_auth(t, *phase);
    case Phase::kIdem:
    case Phase::kIdemWait: return after_key_lookup(t);
    case Phase::kHandler: return after_handler_turn(t);
  }
  return problem(500, "Core input malformed", "unknown conversation phase");
}

}  // namespace core
