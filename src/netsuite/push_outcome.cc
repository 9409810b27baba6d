#include "netsuite/push_outcome.h"

#include <cctype>

namespace core::netsuite {

PushAnswer push_answer_of(const json& r) {
  PushAnswer a;
  a.reached = bool_member(r, "ok").value_or(false);
  if (!a.reached) {
    a.network_error = string_or(r, "error", "no answer");
    return a;
  }
  a.status = static_cast<int>(int_or(r, "status", 0));
  a.body = string_or(r, "body", "");
  if (const json* headers = member(r, "headers")) a.location = string_or(*headers, "location", "");
  return a;
}

std::string netsuite_error_text(int status, std::string_view body) {
  std::string prefix = "HTTP " + std::to_string(status);
  auto parsed = parse_json(body);
  if (parsed) {
    const json* details = member(*parsed, "o:errorDetails");
    if (details && details->is_array() && !details->empty()) {
      std::string text;
      for (const auto& d : *details) {
        std::string code = string_or(d, "o:errorCode", "");
        std::string detail = string_or(d, "detail", "");
        text += (text.empty() ? "" : "; ") + (code.empty() ? detail : code + ": " + detail);
      }
      return prefix + " " + text;
    }
    if (auto title = string_member(*parsed, "title")) return prefix + " " + *title;
    if (auto error = string_member(*parsed, "error")) {  // an OAuth 2.0 token endpoint's error
      auto description = string_member(*parsed, "error_description");
      return prefix + " " + *error + (description && !description->empty() ? ": " + *description : "");
    }
  }
  std::string start(body.substr(0, 300));
  return start.empty() ? prefix : prefix + " " + start;
}

std::optional<std::string> internal_id_from_location(std::string_view location) {
  while (!location.empty() && location.back() == '/') location.remove_suffix(1);
  size_t slash = location.rfind('/');
  std::string_view last = slash == std::string_view::npos ? location : location.substr(slash + 1);
  if (last.empty()) return std::nullopt;
  for (char c : last) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::string(last);
}

Classified classify_answer(const PushAnswer& a, int attempts, bool may_authenticate_again) {
  auto retry = [attempts](std::string error) {
    if (attempts >= kMaxAttempts) {
      return Classified{PushOutcome::kDead, "gave up after " + std::to_string(attempts) + " attempts; last: " + error, ""};
    }
    return Classified{PushOutcome::kRetry, std::move(error), ""};
  };
  if (!a.reached) return retry("no answer from NetSuite: " + a.network_error);
  if (a.status >= 200 && a.status < 300) {
    if (auto id = internal_id_from_location(a.location)) return {PushOutcome::kConfirmed, "", *id};
    return retry("HTTP " + std::to_string(a.status) + " without the record's Location");
  }
  std::string text = netsuite_error_text(a.status, a.body);
  if (a.status == 401) {
    if (may_authenticate_again) return {PushOutcome::kAuthenticateAgain, text, ""};
    return {PushOutcome::kDead, "NetSuite refused the credentials: " + text, ""};
  }
  if (a.status == 429 || a.status == 408 || a.status >= 500) return retry(text);
  return {PushOutcome::kDead, text, ""};
}

int64_t backoff_ms(int attempts, int64_t base_ms, double unit) {
  if (base_ms < 0) base_ms = 0;
  int64_t ceiling = base_ms;
  for (int i = 1; i < attempts && ceiling < kMaxBackoffMs; ++i) ceiling *= 2;
  if (ceiling > kMaxBackoffMs) ceiling = kMaxBackoffMs;
  if (unit < 0) unit = 0;
  if (unit >= 1) unit = 0.999999;
  return static_cast<int64_t>(unit * static_cast<double>(ceiling));
}

}  // namespace core::netsuite
