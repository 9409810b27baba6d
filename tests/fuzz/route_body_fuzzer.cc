// libFuzzer: any bytes as the body of every route that takes one, past auth
// (the conversation's handler phase), so each body parser and validator sees
// them: the first byte picks the route, the rest up to a newline is the body (sent as
// text/csv unless it begins with "{", so the import's CSV reader sees it too).
// A second turn answers each D1 batch the handler asked for as D1 would: every
// statement's rows are what follows the newline when it is a JSON array (rows
// with fuzzed columns), else none.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core.h"
#include "json_access.h"
#include "router.h"

namespace {

// A path for the pattern: each capture "x1", an import's :kind one of the four (by `pick`).
std::string concrete(std::string_view pattern, size_t pick) {
  static const char* kKinds[] = {"locations", "bins", "items", "balances"};
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern.substr(i, 5) == ":kind") {
      out += kKinds[pick % 4];
      i += 5;
    } else if (pattern[i] == ':') {
      out += "x1";
      while (i < pattern.size() && pattern[i] != '/') ++i;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::vector<const core::Route*> kRoutes = [] {
    std::vector<const core::Route*> out;
    for (const auto& r : core::route_table()) out.push_back(&r);
    return out;
  }();
  const core::Route& route = *kRoutes[data[0] % kRoutes.size()];
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t newline = rest.find('\n');
  std::string body = rest.substr(0, newline);
  std::string rows_text = newline == std::string::npos ? "" : rest.substr(newline + 1);
  core::json input = {
      {"kind", "http"}, {"now", "2026-11-23T06:00:00.000Z"}, {"nonce", "fz"},
      {"settings", {{"NS_ALLOW_LOOPBACK", "1"}}},
      {"request", {{"method", route.method}, {"path", concrete(route.pattern, size)}, {"query", core::json::object()},
                   {"body", body}, {"content_type", !body.empty() && body[0] == '{' ? "application/json" : "text/csv"},
                   {"token_sha256", "t"}}},
      {"turn", {{"state", {{"phase", "handler"}, {"principal", {{"business_id", "b1"}, {"token_name", "fuzz"}, {"role", "admin"}}},
                           {"idem", nullptr}, {"h", nullptr}}},
                {"results", nullptr}}}};
  auto first = core::parse_json(core::handle(input.dump(-1, ' ', false, core::json::error_handler_t::replace)));
  if (!first || !first->is_object() || !first->contains("state")) return 0;
  auto parsed = core::parse_json(rows_text);
  core::json rows = parsed && parsed->is_array() ? *parsed : core::json::array();
  core::json results = core::json::array();
  for (const auto& effect : (*first)["effects"]) {
    core::json batch = core::json::array();
    if (const core::json* statements = core::member(effect, "statements"); statements && statements->is_array()) {
      for (size_t i = 0; i < statements->size(); ++i) batch.push_back({{"rows", rows}, {"changes", 1}});
    }
    results.push_back({{"ok", true}, {"results", batch}});
  }
  input["turn"] = {{"state", (*first)["state"]}, {"results", results}};
  core::handle(input.dump(-1, ' ', false, core::json::error_handler_t::replace));
  return 0;
}
