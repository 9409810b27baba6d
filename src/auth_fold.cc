#include "auth_fold.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "idempotency.h"

namespace core::auth_fold {

namespace {

constexpr const char* kTokenBusiness = "(SELECT business_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL)";

bool holds_placeholder(const std::string& text) {
  return text.find(kPlaceholderBusiness) != std::string::npos || text.find(kPlaceholderName) != std::string::npos;
}

// Offsets of the SQL's parameter markers outside string literals: `?` alone, or `?N`
// (n = 0 for a bare `?`). Nothing when the statement mixes both forms.
struct Marker {
  size_t at, length;
  int number;
};

std::optional<std::vector<Marker>> markers(const std::string& sql) {
  std::vector<Marker> out;
  bool in_text = false, numbered = false, bare = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\'') in_text = !in_text;
    if (in_text || sql[i] != '?') continue;
    size_t j = i + 1;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
    int number = j > i + 1 ? std::stoi(sql.substr(i + 1, j - i - 1)) : 0;
    (number ? numbered : bare) = true;
    out.push_back({i, j - i, number});
    i = j - 1;
  }
  if (numbered && bare) return std::nullopt;
  return out;
}

// One read with the placeholder business bound as the token's business; nothing if it cannot be.
std::optional<json> rebind(const json& statement, const std::string& token_hash) {
  std::string sql = string_or(statement, "sql", "");
  const json* params_field = member(statement, "params");
  json params = params_field && params_field->is_array() ? *params_field : json::array();
  auto found = markers(sql);
  if (!found) return std::nullopt;
  bool numbered = !found->empty() && (*found)[0].number != 0;
  std::vector<size_t> replace;  // marker indexes to turn into the subquery
  for (size_t p = 0; p < params.size(); ++p) {
    if (!params[p].is_string()) continue;
    const std::string& value = params[p].get_ref<const std::string&>();
    if (value == kPlaceholderName) return std::nullopt;
    if (value != kPlaceholderBusiness) continue;
    params[p] = token_hash;
    for (size_t m = 0; m < found->size(); ++m) {
      if (numbered ? (*found)[m].number == static_cast<int>(p + 1) : m == p) replace.push_back(m);
    }
  }
  // Right to left, so earlier offsets stay true. A numbered marker keeps its number.
  std::sort(replace.begin(), replace.end());
  for (auto it = replace.rbegin(); it != replace.rend(); ++it) {
    const Marker& m = (*found)[*it];
    std::string subquery = kTokenBusiness;
    if (numbered) subquery.replace(subquery.find('?'), 1, "?" + std::to_string(m.number));
    sql.replace(m.at, m.length, subquery);
  }
  if (holds_placeholder(sql) || holds_placeholder(params.dump())) return std::nullopt;
  return json{{"sql", std::move(sql)}, {"params", std::move(params)}};
}

void read_as_placeholders(json& value, const std::string& business_id, const std::string& token_name) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!business_id.empty() && text == business_id) value = kPlaceholderBusiness;
    else if (!token_name.empty() && text == token_name) value = kPlaceholderName;
  } else if (value.is_array() || value.is_object()) {
    for (auto& child : value) read_as_placeholders(child, business_id, token_name);
  }
}

}  // namespace

std::optional<json> fold(const json& out, const std::string& token_hash, const json& auth_statement) {
  const json* effects = member(out, "effects");
  if (member(out, "respond") || !effects || !effects->is_array() || effects->size() != 1) return std::nullopt;
  const json& effect = (*effects)[0];
  if (string_or(effect, "type", "") != "d1" || is_write_batch(effect) || member(effect, "wake_pushers")) return std::nullopt;
  json statements = json::array({auth_statement});
  for (const auto& s : effect["statements"]) {
    auto bound = rebind(s, token_hash);
    if (!bound) return std::nullopt;
    statements.push_back(std::move(*bound));
  }
  return json{{"type", "d1"}, {"statements", std::move(statements)}};
}

std::string signature(const json& out, const std::string& business_id, const std::string& token_name) {
  json copy = {{"effects", value_or_null(out, "effects")}, {"state", value_or_null(out, "state")},
               {"respond", value_or_null(out, "respond")}};
  read_as_placeholders(copy, business_id, token_name);
  std::string text = copy.dump(-1, ' ', false, json::error_handler_t::replace);
  uint64_t hash = 1469598103934665603ull;  // FNV-1a, 64 bits
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  static const char* kHex = "0123456789abcdef";
  std::string out_hex = std::to_string(text.size()) + ":";
  for (int shift = 60; shift >= 0; shift -= 4) out_hex += kHex[(hash >> shift) & 0xf];
  return out_hex;
}

json handler_results(const json& folded) {
  json rest = json::array();
  if (const json* results = member(folded, "results"); results && results->is_array()) {
    for (size_t i = 1; i < results->size(); ++i) rest.push_back((*results)[i]);
  }
  return json::array({{{"ok", true}, {"results", std::move(rest)}}});
}

}  // namespace core::auth_fold
