#include "auth_fold.h"

#include "business_scope.h"
#include "idempotency.h"

namespace core::auth_fold {

namespace {

bool mentions_unchecked(const json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find(kUncheckedToken) != std::string::npos;
  if (value.is_array() || value.is_object()) {
    for (const auto& child : value) {
      if (mentions_unchecked(child)) return true;
    }
  }
  return false;
}

bool binds(const json& statement, const std::string& token_hash) {
  const json* params = member(statement, "params");
  if (params == nullptr || !params->is_array()) return false;
  for (const auto& p : *params) {
    if (p.is_string() && p.get_ref<const std::string&>() == token_hash) return true;
  }
  return false;
}

}  // namespace

std::optional<json> fold(const json& out, const std::string& token_hash, const json& auth_statement) {
  const json* effects = member(out, "effects");
  if (member(out, "respond") || !effects || !effects->is_array() || effects->size() != 1) return std::nullopt;
  const json& effect = (*effects)[0];
  if (string_or(effect, "type", "") != "d1" || is_write_batch(effect) || member(effect, "wake_pushers")) return std::nullopt;
  if (mentions_unchecked(out)) return std::nullopt;  // it took the stand-in business or name, not the scope
  json statements = json::array({auth_statement});
  for (const auto& s : effect["statements"]) {
    if (!binds(s, token_hash)) return std::nullopt;  // every folded read names the token's business
    statements.push_back(s);
  }
  return json{{"type", "d1"}, {"statements", std::move(statements)}};
}

json handler_results(const json& folded) {
  json rest = json::array();
  if (const json* results = member(folded, "results"); results && results->is_array()) {
    for (size_t i = 1; i < results->size(); ++i) rest.push_back((*results)[i]);
  }
  return json::array({{{"ok", true}, {"results", std::move(rest)}}});
}

}  // namespace core::auth_fold
