#include "netsuite/connection_check.h"

#include <array>
#include <string_view>

#include "netsuite/push_outcome.h"
#include "netsuite/queries/suiteql.h"

namespace core::netsuite {

namespace {

constexpr std::array<std::string_view, 4> kCheckNames = {"credentials", "login", "subsidiary", "adjustment_account"};

// What NetSuite said about one record looked up by id.
json record_check(CheckName name, const std::string& what, const std::string& id, const PushAnswer& answer) {
  if (answer.status < 200 || answer.status >= 300) {
    return check_json(name, false, answer.status, "NetSuite refused the lookup: " + netsuite_error_text(answer.status, answer.body));
  }
  auto parsed = parse_json(answer.body);
  const json* items = parsed ? member(*parsed, "items") : nullptr;
  if (items == nullptr || !items->is_array()) {
    return check_json(name, false, answer.status,
                      "the answer is not a SuiteQL result (is the base URL the account's REST host?): " + answer.body.substr(0, 120));
  }
  if (items->empty()) {
    return check_json(name, false, answer.status, "NetSuite has no " + what + " with internal id " + id);
  }
  const json& row = (*items)[0];
  std::string label = name == CheckName::kSubsidiary
                          ? text_of_value(row, "name")
                          : (text_of_value(row, "acctnumber").empty() ? "" : text_of_value(row, "acctnumber") + " ") + text_of_value(row, "fullname");
  std::string shown = what + " " + id + (label.empty() ? "" : " (" + label + ")");
  if (flag_of(row, "isinactive")) return check_json(name, false, answer.status, shown + " is inactive in NetSuite");
  return check_json(name, true, answer.status, shown + " found");
}

}  // namespace

json check_json(CheckName name, bool ok, std::optional<int> status, const std::string& detail) {
  return {{"check", std::string(kCheckNames[static_cast<size_t>(name)])}, {"ok", ok},
          {"status", status ? json(*status) : json()}, {"detail", detail}};
}

std::vector<NsCall> lookup_calls(const json& connection) {
  std::string base = string_or(connection, "base_url", "");
  return {suiteql_call(base, subsidiary_query(string_or(connection, "subsidiary_id", ""))),
          suiteql_call(base, account_query(string_or(connection, "adjustment_account_id", "")))};
}

std::vector<json> lookup_checks(const json& connection, const json& fetch_results, const std::string& login_detail) {
  std::vector<PushAnswer> answers;
  for (size_t i = 0; i < 2; ++i) {
    answers.push_back(push_answer_of(fetch_results.is_array() && i < fetch_results.size() ? fetch_results[i] : json()));
  }
  for (const auto& answer : answers) {
    if (!answer.reached) {
      return {check_json(CheckName::kLogin, false, std::nullopt,
                         "NetSuite could not be reached at " + string_or(connection, "base_url", "") + ": " + answer.network_error)};
    }
    if (answer.status == 401 || answer.status == 403) {
      return {check_json(CheckName::kLogin, false, answer.status, netsuite_error_text(answer.status, answer.body))};
    }
  }
  std::vector<json> checks = {check_json(CheckName::kLogin, true, answers[0].status, login_detail)};
  checks.push_back(record_check(CheckName::kSubsidiary, "subsidiary", string_or(connection, "subsidiary_id", ""), answers[0]));
  checks.push_back(record_check(CheckName::kAdjustmentAccount, "account", string_or(connection, "adjustment_account_id", ""),
                                answers[1]));
  return checks;
}

json test_answer(const json& connection, const std::vector<json>& checks, const std::string& now) {
  bool ok = !checks.empty();
  for (const auto& c : checks) ok = ok && bool_member(c, "ok").value_or(false);
  return {{"ok", ok}, {"account_id", string_or(connection, "account_id", "")},
          {"auth_mode", string_or(connection, "auth_mode", "")}, {"base_url", string_or(connection, "base_url", "")},
          {"tested_at", now}, {"checks", checks}};
}

}  // namespace core::netsuite
