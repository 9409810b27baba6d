#pragma once
// Reason codes (issue 27): the causes a business reports its decisions by — a per-business list
// (GET|PUT /api/reason-codes, kept in business_settings.reason_codes; none saved: the defaults
// damaged, theft, miscount, uom, found, supplier_short, other). Approving or rejecting a proposal
// (alone, or a session's at once) names one as `reason_code`; the code `other` also needs a
// `reason_note`. An automatic adjustment's code is within_tolerance, which no list may hold. The
// code is kept on the proposal, the adjustment and its ledger rows, and goes to NetSuite in the
// adjustment's memo (memo_reason).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"
#include "problem.h"

namespace core {

struct ReasonCode {
  std::string code;     // [a-z][a-z0-9_]{0,31}
  std::string label;    // what people read
  std::string ns_memo;  // what NetSuite's memo says ("" : the label)
};

inline constexpr std::string_view kWithinTolerance = "within_tolerance";
inline constexpr std::string_view kOtherReason = "other";
inline constexpr size_t kMaxReasonCodes = 40;
inline constexpr const char* kReasonCodeRequired = "required: one of this business's reason codes (GET /api/reason-codes)";

std::vector<ReasonCode> default_reason_codes();

// A list [{ code, label, ns_memo? }, …] of 1 to 40 codes, each code once. Every bad field is
// appended to `errors` under `path` ("items[2].code"); nullopt when any was.
std::optional<std::vector<ReasonCode>> reason_codes_from_json(const json& list, const std::string& path,
                                                               std::vector<FieldError>& errors);
// The list a business_settings row keeps (its reason_codes text); the defaults when none.
std::vector<ReasonCode> reason_codes_of_settings(const json& settings_rows);
json reason_codes_json(const std::vector<ReasonCode>& codes);
// The text business_settings.reason_codes stores.
std::string reason_codes_text(const std::vector<ReasonCode>& codes);

// A decision body's reason_code (and reason_note where the code is `other`) against the list:
// the field errors, none when it may be recorded.
std::vector<FieldError> check_decision_reason(const std::vector<ReasonCode>& codes, const json& body);

// What people read for a code: its label, "Within tolerance", "Not coded" for none (""), else the code.
std::string reason_label(const std::vector<ReasonCode>& codes, const std::string& code);

// The memo's reason part: "reason damaged: Damaged in storage" (ns_memo, else the label).
std::string memo_reason(const std::vector<ReasonCode>& codes, const std::string& code);

}  // namespace core
