#include "turn.h"

#include "blind.h"

#include <algorithm>

namespace core {

json d1_effect(std::vector<Statement> statements) {
  json list = json::array(), wake = json::array();
  for (auto& s : statements) {
    list.push_back({{"sql", std::move(s.sql)}, {"params", std::move(s.params)}});
    if (!s.wakes_pusher_of.empty() && std::find(wake.begin(), wake.end(), s.wakes_pusher_of) == wake.end()) {
      wake.push_back(s.wakes_pusher_of);
    }
  }
  json effect = {{"type", "d1"}, {"statements", std::move(list)}};
  if (!wake.empty()) effect["wake_pushers"] = std::move(wake);
  return effect;
}

json wake_pusher_effect(const std::string& business_id) {
  return {{"type", "wake_pusher"}, {"business_id", business_id}};
}

json respond_json(int status, json body) {
  bool blind = blind_answers();
  if (blind) withhold_figures(body);
  json out = respond_text(status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace));
  if (blind) out["respond"]["headers"]["X-Figures"] = "withheld";
  return out;
}

json respond_text(int status, std::string_view content_type, std::string body) {
  return {{"respond", {{"status", status}, {"content_type", content_type}, {"body", std::move(body)}}}};
}

json ask(json effects, json state) {
  return {{"effects", std::move(effects)}, {"state", std::move(state)}};
}

json ask_d1(std::vector<Statement> statements, json state) {
  return ask(json::array({d1_effect(std::move(statements))}), std::move(state));
}

bool is_response(const json& out) { return member(out, "respond") != nullptr; }

const json& rows_of(const json& d1_result, size_t statement_index) {
  static const json kEmpty = json::array();
  const json* results = member(d1_result, "results");
  if (results == nullptr || !results->is_array() || statement_index >= results->size()) return kEmpty;
  const json* rows = member((*results)[statement_index], "rows");
  return rows != nullptr && rows->is_array() ? *rows : kEmpty;
}

const json& turn_results(const json& input) {
  static const json kEmpty = json::array();
  const json* turn = member(input, "turn");
  const json* results = turn ? member(*turn, "results") : nullptr;
  return results && results->is_array() ? *results : kEmpty;
}

const json& turn_result(const json& input, size_t i) {
  static const json kNull;
  const json& results = turn_results(input);
  return i < results.size() ? results[i] : kNull;
}

bool d1_ok(const json& d1_result) { return bool_member(d1_result, "ok").value_or(false); }

std::string d1_error(const json& d1_result) { return string_or(d1_result, "error", "unknown D1 error"); }

}  // namespace core
