// "Test the connection": what NetSuite's answers to the two lookups mean, check by check.
#include <gtest/gtest.h>

#include "netsuite/connection_check.h"

namespace core::netsuite {
namespace {

const json kConnection = {{"account_id", "TSTDRV1"}, {"auth_mode", "m2m"}, {"base_url", "https://1.suitetalk.api.netsuite.com/"},
                          {"subsidiary_id", "3"}, {"adjustment_account_id", "212"}};

json answered(int status, json body) { return {{"ok", true}, {"status", status}, {"headers", json::object()}, {"body", body.dump()}}; }
json rows(json items) { return {{"count", items.size()}, {"hasMore", false}, {"items", items}}; }
const json kSubsidiary = rows(json::array({{{"id", "3"}, {"name", "Canada"}, {"isinactive", "F"}}}));
const json kAccount = rows(json::array({{{"id", "212"}, {"acctnumber", "5800"}, {"fullname", "Inventory Adjustments"}, {"isinactive", "F"}}}));

std::vector<std::pair<std::string, bool>> names(const std::vector<json>& checks) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& c : checks) out.emplace_back(c["check"].get<std::string>(), c["ok"].get<bool>());
  return out;
}

TEST(ConnectionCheck, LooksUpTheSubsidiaryAndTheAccountByTheirIdsOnly) {
  auto calls = lookup_calls(kConnection);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].url, "https://1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=0");
  EXPECT_EQ(json::parse(calls[0].body)["q"], "SELECT id, name, isinactive FROM subsidiary WHERE id = 3");
  EXPECT_EQ(json::parse(calls[1].body)["q"], "SELECT id, acctnumber, fullname, accttype, isinactive FROM account WHERE id = 212");
  EXPECT_EQ(calls[0].headers["prefer"], "transient");
  json odd = kConnection;
  odd["subsidiary_id"] = "3 OR 1=1";
  EXPECT_EQ(json::parse(lookup_calls(odd)[0].body)["q"], "SELECT id, name, isinactive FROM subsidiary WHERE id = 0");
}

TEST(ConnectionCheck, BothFoundIsEveryCheckOk) {
  auto checks = lookup_checks(kConnection, json::array({answered(200, kSubsidiary), answered(200, kAccount)}), "NetSuite accepted the signed request");
  EXPECT_EQ(names(checks), (std::vector<std::pair<std::string, bool>>{{"login", true}, {"subsidiary", true}, {"adjustment_account", true}}));
  EXPECT_EQ(checks[1]["detail"], "subsidiary 3 (Canada) found");
  EXPECT_EQ(checks[2]["detail"], "account 212 (5800 Inventory Adjustments) found");
  EXPECT_EQ(test_answer(kConnection, checks, "2026-12-07T00:00:00Z")["ok"], true);
  EXPECT_EQ(checks[0]["detail"], "NetSuite accepted the signed request");
}

TEST(ConnectionCheck, ALoginRefusedIsOneFailedLoginInNetSuitesWords) {
  json refused = answered(401, {{"o:errorDetails", json::array({{{"detail", "Invalid login attempt."}, {"o:errorCode", "INVALID_LOGIN"}}})}});
  auto checks = lookup_checks(kConnection, json::array({refused, refused}), "signed in");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0]["check"], "login");
  EXPECT_EQ(checks[0]["ok"], false);
  EXPECT_EQ(checks[0]["status"], 401);
  EXPECT_EQ(checks[0]["detail"], "HTTP 401 INVALID_LOGIN: Invalid login attempt.");
  EXPECT_EQ(test_answer(kConnection, checks, "now")["ok"], false);
}

TEST(ConnectionCheck, NetSuiteOutOfReachSaysWhere) {
  json lost = {{"ok", false}, {"timed_out", true}, {"error", "timed out after 15000 ms"}};
  auto checks = lookup_checks(kConnection, json::array({lost, lost}), "signed in");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0]["status"], nullptr);
  EXPECT_EQ(checks[0]["detail"], "NetSuite could not be reached at https://1.suitetalk.api.netsuite.com/: timed out after 15000 ms");
}

TEST(ConnectionCheck, AMissingOrInactiveRecordOrARefusedQueryFailsItsOwnCheck) {
  json inactive = rows(json::array({{{"id", "212"}, {"acctnumber", "5800"}, {"fullname", "Old"}, {"isinactive", "T"}}}));
  auto checks = lookup_checks(kConnection, json::array({answered(200, rows(json::array())), answered(200, inactive)}), "signed in");
  EXPECT_EQ(names(checks), (std::vector<std::pair<std::string, bool>>{{"login", true}, {"subsidiary", false}, {"adjustment_account", false}}));
  EXPECT_EQ(checks[1]["detail"], "NetSuite has no subsidiary with internal id 3");
  EXPECT_EQ(checks[2]["detail"], "account 212 (5800 Old) is inactive in NetSuite");
  json bad = answered(400, {{"o:errorDetails", json::array({{{"detail", "Invalid search query."}, {"o:errorCode", "INVALID_SEARCH"}}})}});
  checks = lookup_checks(kConnection, json::array({answered(200, kSubsidiary), bad}), "signed in");
  EXPECT_EQ(checks[2]["detail"], "NetSuite refused the lookup: HTTP 400 INVALID_SEARCH: Invalid search query.");
  EXPECT_EQ(checks[2]["status"], 400);
}

TEST(ConnectionCheck, AnAnswerThatIsNoSuiteQLResultSaysSo) {
  json page = {{"ok", true}, {"status", 200}, {"headers", json::object()}, {"body", "<html>Welcome</html>"}};
  auto checks = lookup_checks(kConnection, json::array({page, page}), "signed in");
  EXPECT_EQ(checks[1]["ok"], false);
  EXPECT_EQ(checks[1]["detail"], "the answer is not a SuiteQL result (is the base URL the account's REST host?): <html>Welcome</html>");
}

}  // namespace
}  // namespace core::netsuite
