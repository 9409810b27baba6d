#pragma once
// Approval limits (issue 27): per token, the largest |quantity|, |percent| and |value| of a
// proposal its holder may decide (approve or reject) — POST /api/tokens `limits`, PATCH
// /api/tokens/{id}. A token without limits (every admin unless set) decides any proposal. A
// proposal's size is its item's change: |delta|, |pct| (undefined when nothing was expected: over
// any percent limit) and |value| with the value of stock it moved between bins.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"
#include "problem.h"

namespace core {

struct ApprovalLimits {
  std::optional<int64_t> qty;          // thousandths
  std::optional<int64_t> pct;          // thousandths of a percent
  std::optional<int64_t> value_minor;  // minor units
  bool any() const { return qty || pct || value_minor; }
};

// { qty?: quantity ≥ 0, pct?: 0..100000 percent, value?: money ≥ 0 } or null (no limits); each bad
// field is appended to `errors` under `at` ("limits.qty").
std::optional<ApprovalLimits> limits_from_json(const json& body, const std::string& at, std::vector<FieldError>& errors);
// limit_qty, limit_pct, limit_value_minor of a token row (NULL: none).
ApprovalLimits limits_of_row(const json& row);
// { qty, pct, value } (null members where none), or null when the token has no limit.
json limits_json(const ApprovalLimits& limits);
// The row's columns, for statements: [limit_qty, limit_pct, limit_value_minor] (nulls where none).
json limits_params(const ApprovalLimits& limits);

struct ProposalSize {
  int64_t qty = 0;                // |delta|, thousandths
  std::optional<int64_t> pct;     // |pct| in thousandths of a percent; none: undefined
  int64_t value_minor = 0;        // |value| + |value moved|
};
// From a proposal row with delta, pct, value_minor, moved_value_minor.
ProposalSize size_of_proposal(const json& row);

// The first limit the proposal is over, in words ("value 1250.00 is over the limit 500.00");
// nullopt when the holder may decide it.
std::optional<std::string> over_limit(const ApprovalLimits& limits, const ProposalSize& size);

}  // namespace core
