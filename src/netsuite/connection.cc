#include "netsuite/connection.h"

#include <cctype>

namespace core::netsuite {

namespace {

constexpr size_t kMaxSecretLength = 512;
constexpr size_t kMaxPemLength = 16384;

bool all_of(std::string_view s, bool (*ok)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!ok(c)) return false;
  }
  return true;
}

bool host_label_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool account_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }
bool visible(char c) { return c > ' ' && c < 127; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Text or a positive integer → the NetSuite internal id as text; nullopt when neither.
std::optional<std::string> internal_id(const json* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer() && as_int(*v) > 0) return std::to_string(as_int(*v));
  if (v->is_string() && as_string(*v).size() <= 32 && all_of(as_string(*v), digit)) return as_string(*v);
  return std::nullopt;
}

json or_null(const json& row, std::string_view name) {
  const json* v = member(row, name);
  return v ? *v : json();
}

std::string without_trailing_slash(std::string url) {
  if (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

bool base_url_allowed(std::string_view url, bool allow_loopback) {
  std::string u = lower(url);
  if (allow_loopback && u.starts_with("http://127.0.0.1:")) {
    std::string_view port = std::string_view(u).substr(17);
    return !port.empty() && port.size() <= 5 && all_of(port, digit) && std::stoi(std::string(port)) > 0 &&
           std::stoi(std::string(port)) < 65536;
  }
  constexpr std::string_view kScheme = "https://", kDomain = ".netsuite.com";
  if (!u.starts_with(kScheme) || !u.ends_with(kDomain)) return false;
  std::string_view host = std::string_view(u).substr(kScheme.size(), u.size() - kScheme.size() - kDomain.size());
  if (host.empty()) return false;
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    std::string_view label = host.substr(start, dot - start);
    if (!all_of(label, host_label_char) || label.front() == '-' || label.back() == '-') return false;
    start = dot + 1;
  }
  return true;
}

ConnectionPlan plan_connection(const json& body, const json& stored, bool allow_loopback) {
  ConnectionPlan plan;
  auto& errors = plan.errors;
  auto text = [&](std::string_view name) -> std::optional<std::string> {
    const json* v = member(body, name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      errors.push_back({std::string(name), "must be text"});
      return std::nullopt;
    }
    return as_string(*v);
  };

  auto account = text("account_id");
  if (!member(body, "account_id")) errors.push_back({"account_id", "required"});
  else if (account && (account->size() > 64 || !all_of(*account, account_char))) {
    errors.push_back({"account_id", "a NetSuite account id such as 1234567 or 1234567_SB1"});
  }
  auto base = text("base_url");
  if (!member(body, "base_url")) errors.push_back({"base_url", "required"});
  else if (base && !base_url_allowed(without_trailing_slash(*base), allow_loopback)) {
    errors.push_back({"base_url", allow_loopback ? "must be https://<account>.suitetalk.api.netsuite.com (or a "
                                                   "https://….netsuite.com host), or http://127.0.0.1:<port> locally"
                                                 : "must be https://<account>.suitetalk.api.netsuite.com (a "
                                                   "https://….netsuite.com host without path or port)"});
  }
  auto mode = text("auth_mode");
  if (!member(body, "auth_mode")) errors.push_back({"auth_mode", "required: m2m or tba"});
  else if (mode && *mode != "m2m" && *mode != "tba") errors.push_back({"auth_mode", "must be m2m or tba"});
  for (const char* name : {"subsidiary_id", "adjustment_account_id"}) {
    auto id = internal_id(member(body, name));
    if (!id) errors.push_back({name, member(body, name) ? "a NetSuite internal id (digits)" : "required"});
    else plan.plain[name] = *id;
  }
  bool m2m = mode && *mode == "m2m";
  bool known_mode = mode && (*mode == "m2m" || *mode == "tba");

  auto cert = text("cert_id");
  if (known_mode && !m2m && member(body, "cert_id") && !member(body, "cert_id")->is_null()) {
    errors.push_back({"cert_id", "used only with auth_mode m2m"});
  } else if (m2m) {
    if (!cert) {
      if (!member(body, "cert_id")) errors.push_back({"cert_id", "required for auth_mode m2m"});
    } else if (cert->size() > 128 || !all_of(*cert, visible)) {
      errors.push_back({"cert_id", "the certificate id NetSuite shows (no spaces)"});
    }
  }

  bool same_mode = stored.is_object() && known_mode && string_or(stored, "auth_mode", "") == *mode;
  for (const auto& field : kSecretFields) {
    std::string name(field.body_name), column(field.column);
    const json* v = member(body, name);
    bool given = v != nullptr && !v->is_null();
    if (!known_mode) continue;
    if (field.mode != *mode) {
      if (given) errors.push_back({name, "used only with auth_mode " + std::string(field.mode)});
      continue;
    }
    if (given) {
      size_t limit = column == kPrivateKeyColumn ? kMaxPemLength : kMaxSecretLength;
      if (!v->is_string() || as_string(*v).empty()) errors.push_back({name, "must be non-empty text"});
      else if (as_string(*v).size() > limit) errors.push_back({name, "at most " + std::to_string(limit) + " characters"});
      else plan.to_seal[column] = as_string(*v);
    } else if (same_mode && string_member(stored, column)) {
      plan.kept[column] = string_or(stored, column, "");
    } else {
      errors.push_back({name, "required for auth_mode " + *mode});
    }
  }
  if (!errors.empty()) return plan;
  plan.plain["account_id"] = *account;
  plan.plain["base_url"] = without_trailing_slash(*base);
  plan.plain["auth_mode"] = *mode;
  plan.plain["cert_id"] = m2m ? json(*cert) : json();
  if (m2m && !plan.to_seal.contains(std::string(kPrivateKeyColumn))) plan.plain["key_alg"] = or_null(stored, "key_alg");
  return plan;
}

json connection_json(const json& row) {
  json out = json::object();
  for (const char* name : {"account_id", "base_url", "auth_mode", "subsidiary_id", "adjustment_account_id", "cert_id",
                           "key_alg", "updated_at", "updated_by"}) {
    out[name] = or_null(row, name);
  }
  for (const auto& field : kSecretFields) {
    out[std::string(field.has_name)] = string_member(row, field.column).has_value();
  }
  return out;
}

std::string signing_alg(const json& row) {
  return string_or(row, "auth_mode", "") == "m2m" ? string_or(row, "key_alg", "") : "HMAC-SHA256";
}

json signing_key(const json& row) {
  auto part = [&](std::string_view column, bool encode) {
    return json{{"sealed", string_or(row, std::string(column), "")}, {"column", column}, {"percent_encode", encode}};
  };
  if (string_or(row, "auth_mode", "") == "m2m") return json::array({part(kPrivateKeyColumn, false)});
  return json::array({part("consumer_secret_sealed", true), {{"text", "&"}}, part("token_secret_sealed", true)});
}

json unseal_ids_effect(const std::string& business_id, const json& row) {
  json sealed = json::object();
  for (const char* column : {"client_id_sealed", "consumer_key_sealed", "token_id_sealed"}) {
    if (auto v = string_member(row, column)) sealed[column] = *v;
  }
  return {{"type", "unseal"}, {"business_id", business_id}, {"sealed", sealed}};
}

std::vector<std::string> missing_secrets(const json& row) {
  std::vector<std::string> missing;
  std::string mode = string_or(row, "auth_mode", "");
  for (const auto& field : kSecretFields) {
    if (field.mode != mode) continue;
    auto v = string_member(row, std::string(field.column));
    if (!v || v->empty()) missing.emplace_back(field.body_name);
  }
  return missing;
}

}  // namespace core::netsuite
