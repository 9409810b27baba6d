#pragma once
// NetSuite calls signed as the business's connection says, step by step in a conversation
// (DESIGN.md "Real data in"): M2M — a bearer access token, kept while good, got with a JWT
// assertion the shell signs; TBA — an OAuth 1.0a signature per call over its method, URL and
// query. What the steps learned (the unsealed identifiers, the token) rides in the conversation's
// state under one object; each turn asks for the next step's effects or the calls themselves.
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"

namespace core::netsuite {

struct NsCall {
  std::string method, url, body;
  json headers = json::object();  // besides authorization
};

// A SuiteQL query as NetSuite takes it: POST …/query/v1/suiteql, the first page of up to 1,000 rows.
NsCall suiteql_call(std::string base_url, const std::string& query);

struct AuthContext {
  std::string business_id;
  const json& connection;  // the stored row
  int64_t now_ms = 0;
  std::string nonce;
  int64_t timeout_ms = 20000;
};

enum class AuthStep { kUnseal, kAssertion, kToken, kSign, kFetch };

struct AuthAsk {
  AuthStep step;
  json effects;  // one per call for kSign and kFetch
};

// The next effects for `calls` as `auth` stands (kFetch: the calls, signed).
AuthAsk authorize(json& auth, const AuthContext& ctx, const std::vector<NsCall>& calls);
// The results of `step` taken into `auth`; why it failed, when it did (a token refused is a
// failure of the calls: its answer is given as NetSuite's).
std::optional<std::string> take_auth_results(json& auth, AuthStep step, const json& results, const AuthContext& ctx);
// After kSign: the calls with their TBA headers.
json signed_fetches(const json& auth, const AuthContext& ctx, const std::vector<NsCall>& calls, const json& results);
// A 401 on a call: forget the token (M2M) so the next authorize gets a fresh one.
void forget_token(json& auth);
// What the object may keep in memory between alarms (the M2M token), or null.
json token_cache(const json& auth);

}  // namespace core::netsuite
