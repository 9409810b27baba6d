#include "netsuite/oauth1.h"

#include <algorithm>
#include <cctype>

namespace core::netsuite {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding of one query component ("+" is a space).
std::string form_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') out += ' ';
    else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string base_string_uri(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::string scheme = lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  size_t path_at = rest.find_first_of("/?#");
  std::string authority = lower(rest.substr(0, path_at));
  std::string_view path = path_at == std::string_view::npos ? "/" : rest.substr(path_at);
  path = path.substr(0, path.find_first_of("?#"));
  if (path.empty()) path = "/";
  if ((scheme == "http" && authority.ends_with(":80")) || (scheme == "https" && authority.ends_with(":443"))) {
    authority.erase(authority.rfind(':'));
  }
  return scheme + "://" + authority + std::string(path);
}

std::string signature_base_string(std::string_view method, std::string_view url, std::vector<OAuthParam> params) {
  if (size_t q = url.find('?'); q != std::string_view::npos) {
    std::string_view query = url.substr(q + 1);
    query = query.substr(0, query.find('#'));
    size_t start = 0;
    while (start <= query.size()) {
      size_t amp = query.find('&', start);
      if (amp == std::string_view::npos) amp = query.size();
      std::string_view pair = query.substr(start, amp - start);
      if (!pair.empty()) {
        size_t eq = pair.find('=');
        params.push_back({form_decode(pair.substr(0, eq)),
                          eq == std::string_view::npos ? "" : form_decode(pair.substr(eq + 1))});
      }
      start = amp + 1;
    }
  }
  std::vector<std::pair<std::string, std::string>> encoded;
  for (const auto& p : params) encoded.emplace_back(percent_encode(p.name), percent_encode(p.value));
  std::sort(encoded.begin(), encoded.end());
  std::string normalized;
  for (const auto& [name, value] : encoded) normalized += (normalized.empty() ? "" : "&") + name + "=" + value;
  std::string upper_method(method);
  for (char& c : upper_method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper_method + "&" + percent_encode(base_string_uri(url)) + "&" + percent_encode(normalized);
}

std::string realm_of(std::string_view account_id) {
  std::string out(account_id);
  for (char& c : out) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<OAuthParam> tba_oauth_params(const TbaRequest& r) {
  return {{"oauth_consumer_key", r.consumer_key}, {"oauth_token", r.token_id},
          {"oauth_signature_method", "HMAC-SHA256"}, {"oauth_timestamp", std::to_string(r.timestamp)},
          {"oauth_nonce", r.nonce}, {"oauth_version", "1.0"}};
}

std::string tba_base_string(const TbaRequest& r) { return signature_base_string(r.method, r.url, tba_oauth_params(r)); }

std::string tba_authorization_header(const TbaRequest& r, std::string_view signature_base64) {
  std::string out = "OAuth realm=\"" + percent_encode(realm_of(r.account_id)) + "\"";
  for (const auto& p : tba_oauth_params(r)) out += ", " + p.name + "=\"" + percent_encode(p.value) + "\"";
  return out + ", oauth_signature=\"" + percent_encode(signature_base64) + "\"";
}

}  // namespace core::netsuite
