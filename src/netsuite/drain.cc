#include "netsuite/drain.h"

#include <map>

#include "netsuite/queries/confirmation_writes.h"
#include "netsuite/connection.h"
#include "netsuite/jwt.h"
#include "netsuite/lease.h"
#include "netsuite/oauth1.h"
#include "netsuite/payload.h"
#include "netsuite/push_outcome.h"
#include "netsuite/queries/outbox.h"
#include "request.h"
#include "settings.h"
#include "turn.h"
#include "utc_time.h"
#include "steps.h"

namespace core::netsuite {

namespace {

// The drain's phases between turns: the due pushes scanned, claimed, their secrets unsealed,
// an M2M assertion signed and exchanged for a token (or a TBA header signed), pushed, written.
enum class DrainPhase { kStart, kScan, kClaim, kUnseal, kAssertion, kToken, kSigned, kPushed, kWritten };
constexpr std::array<std::string_view, 9> step_names(DrainPhase) {
  return {"", "scan", "claim", "unseal", "assertion", "token", "signed", "pushed", "written"};
}

constexpr size_t kScanLimit = 200;
constexpr int64_t kTokenRefreshMarginMs = 60000;

struct Turn {
  const json& input;
  json state;
  std::string business_id, now, nonce;
  int64_t now_ms = 0;
  Settings settings;
};

const json& result_at(const json& input, size_t i) { return turn_result(input, i); }

// A number in [0, 1) from the turn's nonce and a row id: the jitter of its backoff.
double jitter_unit(const std::string& nonce, const std::string& id) {
  uint32_t h = 2166136261u;
  for (char c : nonce + "/" + id) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return static_cast<double>(h) / 4294967296.0;
}

json done(const Turn& t, json extra = json::object()) {
  json out = {{"business_id", t.business_id}, {"rounds", int_or(t.state, "round", 0)},
              {"confirmed", int_or(t.state, "confirmed", 0)}, {"retried", int_or(t.state, "retried", 0)},
              {"dead", int_or(t.state, "dead", 0)}};
  const json* token = member(t.state, "token");
  out["token_cache"] = token ? *token : json();
  out.update(extra);
  return {{"done", out}};
}

json ask_scan(Turn& t) {
  move_to(t.state, DrainPhase::kScan, "phase");
  return ask_d1(scan_reads(t.business_id, kScanLimit).batch.statements(), t.state);
}

json on_scan(Turn& t) {
  const json& d1 = result_at(t.input, 0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  ScanReads reads = scan_reads(t.business_id, kScanLimit);
  const json& connection = rows(d1, reads.connection);
  std::vector<OutboxRow> pending = rows(d1, reads.pending);
  if (connection.empty()) {
    // Nothing can be pushed without an account; saving the connection wakes the drainer again.
    return done(t, {{"note", "no NetSuite connection: " + std::to_string(pending.size()) + " adjustment(s) wait"}});
  }
  // A round pushes in parallel no more than the account allows (NS_MAX_CONCURRENCY).
  auto plan = plan_claims(pending, t.now_ms, std::min<size_t>(kPushesPerRound, static_cast<size_t>(t.settings.max_concurrency)));
  if (plan.claim.empty()) {
    json extra = json::object();
    if (plan.next_wake_ms) extra["next_alarm_ms"] = std::max<int64_t>(0, *plan.next_wake_ms - t.now_ms);
    return done(t, extra);
  }
  t.state["connection"] = connection[0];
  std::string owner = string_or(t.state, "owner", "");
  std::string lease_until = iso_of_epoch_ms(t.now_ms + lease_ms(t.settings.fetch_timeout_ms));
  move_to(t.state, DrainPhase::kClaim, "phase");
  return ask_d1(claim_batch(t.business_id, owner, t.now, plan.claim, lease_until).batch.statements(), t.state);
}

PushedAdjustment adjustment_of(const json& push) {
  PushedAdjustment a{string_or(push, "id", ""), string_or(push, "adjustment_id", ""), string_or(push, "external_id", ""),
                     string_or(push, "location_id", ""), string_or(push, "session_id", ""),
                     string_or(push, "proposed_action_id", ""), string_or(push, "direction", ""),
                     string_or(push, "reason", ""), {}};
  if (const json* lines = member(push, "lines")) {
    for (const auto& l : *lines) {
      a.lines.push_back({string_or(l, "item_id", ""), string_or(l, "sku", ""), string_or(l, "location_id", ""),
                         string_or(l, "bin_id", ""), string_or(l, "bin_code", ""), string_or(l, "batch_number", ""),
                         string_or(l, "serial_number", ""), int_or(l, "quantity_change", 0)});
    }
  }
  return a;
}

const json& connection(const Turn& t) { return t.state["connection"]; }
bool is_m2m(const Turn& t) { return string_or(connection(t), "auth_mode", "") == "m2m"; }

json unseal_effect(const Turn& t) { return unseal_ids_effect(t.business_id, connection(t)); }

bool token_usable(const Turn& t) {
  const json* token = member(t.state, "token");
  return token && token->is_object() && string_or(*token, "stamp", "") == string_or(connection(t), "updated_at", "") &&
         int_or(*token, "expires_at_ms", 0) - kTokenRefreshMarginMs > t.now_ms &&
         !string_or(*token, "access_token", "").empty();
}

// The signed request of push `at`; its nonce and time are those of the turn that signed it.
TbaRequest tba_request(const Turn& t, const json& push, size_t at) {
  const json& ids = t.state["ids"];
  return {"PUT", record_url(string_or(connection(t), "base_url", ""), record_type(string_or(push, "direction", "")),
                            string_or(push, "external_id", "")),
          string_or(connection(t), "account_id", ""), string_or(ids, "consumer_key_sealed", ""),
          string_or(ids, "token_id_sealed", ""), string_or(t.state, "tba_nonce", "") + "n" + std::to_string(at),
          int_or(t.state, "tba_time_ms", t.now_ms) / 1000};
}

json put_effect(const Turn& t, const json& push, const std::string& authorization) {
  const json& c = connection(t);
  std::string type = record_type(string_or(push, "direction", ""));
  json body = record_body(push["posted"], type, string_or(c, "subsidiary_id", ""), string_or(c, "adjustment_account_id", ""));
  return {{"type", "fetch"}, {"method", "PUT"},
          {"url", record_url(string_or(c, "base_url", ""), type, string_or(push, "external_id", ""))},
          {"headers", {{"authorization", authorization}, {"content-type", "application/json"}, {"accept", "application/json"}}},
          {"body", body.dump()}, {"timeout_ms", t.settings.fetch_timeout_ms}};
}

json write_round(Turn& t);

// Every push still waiting gets `outcome` (a failure before NetSuite answered the record call).
json fail_waiting(Turn& t, const PushAnswer& answer, std::string_view prefix) {
  for (const auto& i : t.state["waiting"]) {
    json& push = t.state["pushes"][static_cast<size_t>(as_int(i))];
    push["result"] = {{"answer_reached", answer.reached}, {"status", answer.status}, {"body", answer.body},
                      {"error", answer.network_error}, {"error_prefix", prefix}};
  }
  t.state["waiting"] = json::array();
  return write_round(t);
}

// The next step of the round's authentication, or the pushes themselves.
json continue_round(Turn& t) {
  const json& waiting = t.state["waiting"];
  json& pushes = t.state["pushes"];
  bool bearer_ready = is_m2m(t) && token_usable(t);
  if (!bearer_ready && !member(t.state, "ids")) {
    move_to(t.state, DrainPhase::kUnseal, "phase");
    return ask(json::array({unseal_effect(t)}), t.state);
  }
  json effects = json::array();
  if (is_m2m(t)) {
    if (!token_usable(t)) {
      ClientAssertion a{string_or(connection(t), "key_alg", ""), string_or(connection(t), "cert_id", ""),
                        string_or(t.state["ids"], "client_id_sealed", ""),
                        token_url_of(string_or(connection(t), "base_url", "")), t.now_ms / 1000};
      t.state["assertion"] = assertion_signing_input(a);
      move_to(t.state, DrainPhase::kAssertion, "phase");
      return ask(json::array({{{"type", "sign"}, {"business_id", t.business_id}, {"alg", signing_alg(connection(t))},
                               {"key", signing_key(connection(t))},
                               {"data", t.state["assertion"]}, {"encoding", "base64url"}}}),
                 t.state);
    }
    std::string bearer = "Bearer " + string_or(t.state["token"], "access_token", "");
    for (const auto& i : waiting) effects.push_back(put_effect(t, pushes[static_cast<size_t>(as_int(i))], bearer));
    move_to(t.state, DrainPhase::kPushed, "phase");
    return ask(effects, t.state);
  }
  t.state["tba_nonce"] = t.nonce;
  t.state["tba_time_ms"] = t.now_ms;
  for (const auto& i : waiting) {
    size_t at = static_cast<size_t>(as_int(i));
    effects.push_back({{"type", "sign"}, {"business_id", t.business_id}, {"alg", signing_alg(connection(t))},
                       {"key", signing_key(connection(t))},
                       {"data", tba_base_string(tba_request(t, pushes[at], at))}, {"encoding", "base64"}});
  }
  move_to(t.state, DrainPhase::kSigned, "phase");
  return ask(effects, t.state);
}

json on_claim(Turn& t) {
  const json& d1 = result_at(t.input, 0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  // The claim's layout again, for its handles (they do not depend on the values bound).
  ClaimBatch claim = claim_batch(t.business_id, string_or(t.state, "owner", ""), t.now, {}, "");
  std::map<std::string, json> lines;
  for (const auto& l : rows(d1, claim.lines)) {
    json& list = lines[string_or(l, "adjustment_id", "")];
    if (list.is_null()) list = json::array();
    list.push_back(l);
  }
  json pushes = json::array(), waiting = json::array();
  for (const auto& r : rows(d1, claim.claimed)) {
    json push = r;
    auto posted = parse_json(string_or(r, "payload", "{}"));
    push["posted"] = posted ? *posted : json::object();
    push.erase("payload");
    json& own = lines[string_or(r, "adjustment_id", "")];
    push["lines"] = own.is_array() ? own : json::array();
    waiting.push_back(pushes.size());
    pushes.push_back(std::move(push));
  }
  t.state["round"] = int_or(t.state, "round", 0) + 1;
  if (pushes.empty()) return ask_scan(t);  // another drainer claimed them first
  t.state["pushes"] = std::move(pushes);
  t.state["waiting"] = std::move(waiting);
  t.state["authenticated_again"] = false;
  return continue_round(t);
}

json on_unseal(Turn& t) {
  const json& r = result_at(t.input, 0);
  if (!bool_member(r, "ok").value_or(false)) {
    return fail_waiting(t, {false, 0, "", "", string_or(r, "error", "?")}, "the stored NetSuite credentials cannot be used: ");
  }
  t.state["ids"] = member(r, "values") ? r["values"] : json::object();
  return continue_round(t);
}

json on_assertion(Turn& t) {
  const json& r = result_at(t.input, 0);
  if (!bool_member(r, "ok").value_or(false)) {
    return fail_waiting(t, {false, 0, "", "", string_or(r, "error", "?")}, "the JWT assertion could not be signed: ");
  }
  std::string assertion = string_or(t.state, "assertion", "") + "." + string_or(r, "signature", "");
  t.state.erase("assertion");
  move_to(t.state, DrainPhase::kToken, "phase");
  return ask(json::array({{{"type", "fetch"}, {"method", "POST"},
                           {"url", token_url_of(string_or(connection(t), "base_url", ""))},
                           {"headers", {{"content-type", "application/x-www-form-urlencoded"}, {"accept", "application/json"}}},
                           {"body", client_credentials_form(assertion)}, {"timeout_ms", t.settings.fetch_timeout_ms}}}),
             t.state);
}

json on_token(Turn& t) {
  PushAnswer answer = push_answer_of(result_at(t.input, 0));
  auto parsed = parse_json(answer.body);
  std::string token = parsed ? string_or(*parsed, "access_token", "") : "";
  if (answer.reached && answer.status >= 200 && answer.status < 300 && !token.empty()) {
    int64_t expires_in = parsed ? int_or(*parsed, "expires_in", 3600) : 3600;
    t.state["token"] = {{"access_token", token}, {"expires_at_ms", t.now_ms + expires_in * 1000},
                        {"stamp", string_or(connection(t), "updated_at", "")}};
    return continue_round(t);
  }
  t.state["token"] = nullptr;
  if (answer.reached && answer.status >= 200 && answer.status < 300) answer.status = 502;  // no token in a 2xx
  return fail_waiting(t, answer, "token request: ");
}

json on_signed(Turn& t) {
  json& pushes = t.state["pushes"];
  const json& waiting = t.state["waiting"];
  json effects = json::array();
  for (size_t k = 0; k < waiting.size(); ++k) {
    size_t at = static_cast<size_t>(as_int(waiting[k]));
    const json& r = result_at(t.input, k);
    if (!bool_member(r, "ok").value_or(false)) {
      return fail_waiting(t, {false, 0, "", "", string_or(r, "error", "?")}, "the TBA signature could not be made: ");
    }
    effects.push_back(put_effect(t, pushes[at], tba_authorization_header(tba_request(t, pushes[at], at),
                                                                         string_or(r, "signature", ""))));
  }
  move_to(t.state, DrainPhase::kPushed, "phase");
  return ask(effects, t.state);
}

json on_pushed(Turn& t) {
  json& pushes = t.state["pushes"];
  json waiting = t.state["waiting"];
  json again = json::array();
  bool may_again = !bool_member(t.state, "authenticated_again").value_or(false);
  for (size_t k = 0; k < waiting.size(); ++k) {
    size_t at = static_cast<size_t>(as_int(waiting[k]));
    PushAnswer answer = push_answer_of(result_at(t.input, k));
    if (may_again && answer.reached && answer.status == 401) {
      again.push_back(at);
      continue;
    }
    pushes[at]["result"] = {{"answer_reached", answer.reached}, {"status", answer.status}, {"body", answer.body},
                            {"location", answer.location}, {"error", answer.network_error}};
  }
  t.state["waiting"] = again;
  if (!again.empty()) {
    t.state["authenticated_again"] = true;
    t.state["token"] = nullptr;  // M2M: a fresh token; TBA: a fresh signature
    return continue_round(t);
  }
  return write_round(t);
}

json write_round(Turn& t) {
  std::vector<PushResult> results;
  for (const auto& push : t.state["pushes"]) {
    const json& r = push["result"];
    PushAnswer answer{bool_member(r, "answer_reached").value_or(false), static_cast<int>(int_or(r, "status", 0)),
                      string_or(r, "location", ""), string_or(r, "body", ""), string_or(r, "error", "")};
    int attempts = static_cast<int>(int_or(push, "attempts", 0)) + 1;
    // A 401 here was already answered by authenticating again once.
    Classified c = classify_answer(answer, attempts, false);
    if (!c.error.empty()) c.error = string_or(r, "error_prefix", "") + c.error;
    PushResult result{adjustment_of(push), c.outcome, attempts, c.error, c.ns_internal_id, ""};
    if (c.outcome == PushOutcome::kRetry) {
      int64_t delay = backoff_ms(attempts, t.settings.retry_base_ms, jitter_unit(t.nonce, result.adjustment.push_id));
      result.next_attempt_at = iso_of_epoch_ms(t.now_ms + delay);
    }
    const char* tally = c.outcome == PushOutcome::kConfirmed ? "confirmed" : c.outcome == PushOutcome::kDead ? "dead" : "retried";
    t.state[tally] = int_or(t.state, tally, 0) + 1;
    results.push_back(std::move(result));
  }
  IdMaker ids{t.nonce, 0};
  auto statements = round_statements(t.business_id, string_or(t.state, "owner", ""), t.now, results, ids);
  t.state.erase("pushes");
  t.state.erase("waiting");
  move_to(t.state, DrainPhase::kWritten, "phase");
  return ask_d1(statements, t.state);
}

json on_written(Turn& t) {
  const json& d1 = result_at(t.input, 0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  if (int_or(t.state, "round", 0) >= kRoundsPerWake) return done(t, {{"next_alarm_ms", 0}});
  return ask_scan(t);
}

}  // namespace

json drain_turn(const json& input) {
  Turn t{input, json::object(), string_or(input, "business_id", ""), string_or(input, "now", ""),
         string_or(input, "nonce", ""), 0, settings_of(member(input, "settings") ? input["settings"] : json())};
  t.now_ms = epoch_ms_of(t.now).value_or(0);
  if (t.business_id.empty()) return {{"done", {{"error", "alarm without a business"}}}};
  const json* turn = member(input, "turn");
  const json* state = turn ? member(*turn, "state") : nullptr;
  if (state == nullptr || !state->is_object()) {
    t.state = {{"owner", "drain_" + t.nonce}, {"round", 0}};
    if (const json* cache = member(input, "token_cache"); cache && cache->is_object()) t.state["token"] = *cache;
    return ask_scan(t);
  }
  t.state = *state;
  auto phase = step_of<DrainPhase>(t.state, "phase");
  if (!phase) return done(t, {{"error", "a drain state the core never handed out"}});
  switch (*phase) {
    case DrainPhase::kStart: break;
    case DrainPhase::kScan: return on_scan(t);
    case DrainPhase::kClaim: return on_claim(t);
    case DrainPhase::kUnseal: return on_unseal(t);
    case DrainPhase::kAssertion: return on_assertion(t);
    case DrainPhase::kToken: return on_token(t);
    case DrainPhase::kSigned: return on_signed(t);
    case DrainPhase::kPushed: return on_pushed(t);
    case DrainPhase::kWritten: return on_written(t);
  }
  return done(t, {{"error", "a drain state without its phase"}});
}

}  // namespace core::netsuite
