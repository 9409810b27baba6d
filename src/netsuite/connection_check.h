#pragma once
// "Test connection" (POST /api/netsuite/connection/test): the stored connection signs in to
// NetSuite once and reads back the two records every adjustment names — its subsidiary and the
// account adjustments are booked to — so an admin learns, check by check, what works and what
// NetSuite said, before the first push does. Each check is
//   { check: credentials | login | subsidiary | adjustment_account, ok, status, detail }.
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"
#include "netsuite/authorized.h"

namespace core::netsuite {

enum class CheckName { kCredentials, kLogin, kSubsidiary, kAdjustmentAccount };

json check_json(CheckName name, bool ok, std::optional<int> status, const std::string& detail);

// The SuiteQL calls of a check: the subsidiary, then the adjustment account.
std::vector<NsCall> lookup_calls(const json& connection);

// The checks the calls' answers make: a login refused (401/403) or NetSuite out of reach is one
// failed login check; otherwise a login check saying `login_detail` and one check per record.
std::vector<json> lookup_checks(const json& connection, const json& fetch_results, const std::string& login_detail);

// The answer: every check, ok when all are.
json test_answer(const json& connection, const std::vector<json>& checks, const std::string& now);

}  // namespace core::netsuite
