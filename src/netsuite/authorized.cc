#include "netsuite/authorized.h"

#include "netsuite/connection.h"
#include "netsuite/jwt.h"
#include "netsuite/oauth1.h"
#include "netsuite/push_outcome.h"

namespace core::netsuite {

namespace {

constexpr int64_t kTokenRefreshMarginMs = 60000;

bool is_m2m(const AuthContext& ctx) { return string_or(ctx.connection, "auth_mode", "") == "m2m"; }

bool token_usable(const json& auth, const AuthContext& ctx) {
  const json* token = member(auth, "token");
  return token && token->is_object() && string_or(*token, "stamp", "") == string_or(ctx.connection, "updated_at", "") &&
         int_or(*token, "expires_at_ms", 0) - kTokenRefreshMarginMs > ctx.now_ms && !string_or(*token, "access_token", "").empty();
}

json fetch_effect(const NsCall& call, const std::string& authorization, int64_t timeout_ms) {
  json headers = call.headers;
  headers["authorization"] = authorization;
  json effect = {{"type", "fetch"}, {"method", call.method}, {"url", call.url}, {"headers", headers}, {"timeout_ms", timeout_ms}};
  if (!call.body.empty()) effect["body"] = call.body;
  return effect;
}

TbaRequest tba_request(const json& auth, const AuthContext& ctx, const NsCall& call, size_t at) {
  const json& ids = auth["ids"];
  return {call.method, call.url, string_or(ctx.connection, "account_id", ""), string_or(ids, "consumer_key_sealed", ""),
          string_or(ids, "token_id_sealed", ""), string_or(auth, "tba_nonce", "") + "c" + std::to_string(at),
          int_or(auth, "tba_time_ms", ctx.now_ms) / 1000};
}

const json& nth(const json& results, size_t i) {
  static const json kNull;
  return results.is_array() && i < results.size() ? results[i] : kNull;
}

// The token request after a signed assertion (M2M).
json token_request_effect(const json& auth, const AuthContext& ctx) {
  return json::array({{{"type", "fetch"}, {"method", "POST"}, {"url", token_url_of(string_or(ctx.connection, "base_url", ""))},
                       {"headers", {{"content-type", "application/x-www-form-urlencoded"}, {"accept", "application/json"}}},
                       {"body", client_credentials_form(string_or(auth, "signed_assertion", ""))},
                       {"timeout_ms", ctx.timeout_ms}}});
}

}  // namespace

NsCall suiteql_call(std::string base_url, const std::string& query) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return {"POST", base_url + "/services/rest/query/v1/suiteql?limit=1000&offset=0", json({{"q", query}}).dump(),
          {{"content-type", "application/json"}, {"accept", "application/json"}, {"prefer", "transient"}}};
}

AuthAsk authorize(json& auth, const AuthContext& ctx, const std::vector<NsCall>& calls) {
  if (!auth.is_object()) auth = json::object();
  bool bearer_ready = is_m2m(ctx) && token_usable(auth, ctx);
  if (!bearer_ready && !member(auth, "ids")) return {AuthStep::kUnseal, json::array({unseal_ids_effect(ctx.business_id, ctx.connection)})};
  json effects = json::array();
  if (is_m2m(ctx)) {
    if (!token_usable(auth, ctx) && member(auth, "signed_assertion")) return {AuthStep::kToken, token_request_effect(auth, ctx)};
    if (!token_usable(auth, ctx)) {
      ClientAssertion a{string_or(ctx.connection, "key_alg", ""), string_or(ctx.connection, "cert_id", ""),
                        string_or(auth["ids"], "client_id_sealed", ""),
                        token_url_of(string_or(ctx.connection, "base_url", "")), ctx.now_ms / 1000};
      auth["assertion"] = assertion_signing_input(a);
      return {AuthStep::kAssertion,
              json::array({{{"type", "sign"}, {"business_id", ctx.business_id}, {"alg", signing_alg(ctx.connection)},
                            {"key", signing_key(ctx.connection)}, {"data", auth["assertion"]}, {"encoding", "base64url"}}})};
    }
    std::string bearer = "Bearer " + string_or(auth["token"], "access_token", "");
    for (const auto& call : calls) effects.push_back(fetch_effect(call, bearer, ctx.timeout_ms));
    return {AuthStep::kFetch, effects};
  }
  auth["tba_nonce"] = ctx.nonce;
  auth["tba_time_ms"] = ctx.now_ms;
  for (size_t i = 0; i < calls.size(); ++i) {
    effects.push_back({{"type", "sign"}, {"business_id", ctx.business_id}, {"alg", signing_alg(ctx.connection)},
                       {"key", signing_key(ctx.connection)}, {"data", tba_base_string(tba_request(auth, ctx, calls[i], i))},
                       {"encoding", "base64"}});
  }
  return {AuthStep::kSign, effects};
}

std::optional<std::string> take_auth_results(json& auth, AuthStep step, const json& results, const AuthContext& ctx) {
  const json& r = nth(results, 0);
  switch (step) {
    case AuthStep::kUnseal:
      if (!bool_member(r, "ok").value_or(false)) return "the stored NetSuite credentials cannot be used: " + string_or(r, "error", "?");
      auth["ids"] = member(r, "values") ? r["values"] : json::object();
      return std::nullopt;
    case AuthStep::kAssertion: {
      if (!bool_member(r, "ok").value_or(false)) return "the JWT assertion could not be signed: " + string_or(r, "error", "?");
      auth["signed_assertion"] = string_or(auth, "assertion", "") + "." + string_or(r, "signature", "");
      auth.erase("assertion");
      return std::nullopt;
    }
    case AuthStep::kToken: {
      PushAnswer answer = push_answer_of(r);
      auto parsed = parse_json(answer.body);
      std::string token = parsed ? string_or(*parsed, "access_token", "") : "";
      auth.erase("signed_assertion");
      if (answer.reached && answer.status >= 200 && answer.status < 300 && !token.empty()) {
        int64_t expires_in = parsed ? int_or(*parsed, "expires_in", 3600) : 3600;
        auth["token"] = {{"access_token", token}, {"expires_at_ms", ctx.now_ms + expires_in * 1000},
                         {"stamp", string_or(ctx.connection, "updated_at", "")}};
        return std::nullopt;
      }
      auth["token"] = nullptr;
      if (!answer.reached) return "token request: " + answer.network_error;
      return "token request: " + netsuite_error_text(answer.status, answer.body);
    }
    case AuthStep::kSign:
      for (size_t i = 0; i < (results.is_array() ? results.size() : 0); ++i) {
        if (!bool_member(nth(results, i), "ok").value_or(false)) {
          return "the TBA signature could not be made: " + string_or(nth(results, i), "error", "?");
        }
      }
      return std::nullopt;
    case AuthStep::kFetch: return std::nullopt;
  }
  return std::nullopt;
}

json signed_fetches(const json& auth, const AuthContext& ctx, const std::vector<NsCall>& calls, const json& results) {
  json effects = json::array();
  for (size_t i = 0; i < calls.size(); ++i) {
    effects.push_back(fetch_effect(calls[i], tba_authorization_header(tba_request(auth, ctx, calls[i], i),
                                                                      string_or(nth(results, i), "signature", "")),
                                   ctx.timeout_ms));
  }
  return effects;
}

void forget_token(json& auth) {
  if (auth.is_object()) auth["token"] = nullptr;
}

json token_cache(const json& auth) {
  const json* token = auth.is_object() ? member(auth, "token") : nullptr;
  return token ? *token : json();
}

}  // namespace core::netsuite
