#pragma once
// The guardrail (DESIGN.md "The weekly pipeline"): which counted
// differences the system may fix on its own and which wait for a person.
//
//   delta = 0                                  → confirmed (no adjustment)
//   nothing expected at count time, count > 0  → review (a percentage is undefined)
//   |pct| ≤ inventory_auto_pct
//     and, when a value cap is set, |value| ≤ cap → auto (posted at once)
//   otherwise                                  → review (a proposed action)
//
// The percentage test is exact (integer cross-multiplication), so a delta of
// exactly the threshold is auto and one a hair above is not, whatever rounding
// the displayed percentage has.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"
#include "status_names.h"
#include "problem.h"

namespace core::pipeline {

struct Guardrail {
  int64_t auto_pct_milli = 0;                 // thousandths of a percent, 0..100000
  std::optional<int64_t> auto_value_minor;    // none: no value cap
  // The recount threshold (recount_pct, recount_value; none set: twice the auto limits).
  std::optional<int64_t> recount_pct_set, recount_value_set;
  int64_t recount_pct_milli() const { return recount_pct_set.value_or(2 * auto_pct_milli); }
  std::optional<int64_t> recount_value_minor() const {
    if (recount_value_set) return recount_value_set;
    if (auto_value_minor) return 2 * *auto_value_minor;
    return std::nullopt;
  }
};

// The guardrail a guardrails row holds (none: the defaults — nothing automatic).
Guardrail guardrail_from_row(const json* row);

enum class Decision { kAuto, kReview, kConfirmed };
// cycle_count_variances.decision (status_names.h): adjusted at close, sent to a person, no difference.
constexpr std::array<std::string_view, 3> status_names(Decision) { return {"auto", "review", "confirmed"}; }

struct Classification {
  Decision decision = Decision::kReview;
  std::string reason;  // one sentence a supervisor reads on the proposal
};

// system_at_count and delta in quantity thousandths; value in minor units.
Classification classify_delta(int64_t system_at_count, int64_t delta, int64_t value_minor, const Guardrail& g);

// Automatic recount (issue 27): a first count whose difference is beyond the recount threshold is
// counted again, by another counter, before any person sees it:
//   delta = 0                                   → no
//   nothing expected at count time, count > 0   → yes (a percentage is undefined)
//   |pct| > recount_pct, or a recount value is set (or a value cap, doubled) and |value| > it → yes
// The comparisons are exact, as the guardrail's are. Why, in words, when it is; nullopt when not.
std::optional<std::string> beyond_recount(int64_t system_at_count, int64_t delta, int64_t value_minor, const Guardrail& g);

// Stock moved between bins changes no on-hand, so no percentage judges it; the value moved does:
//   inventory_auto_pct = 0 (nothing is fixed automatically) → review
//   a value cap is set and |moved value| > cap              → review
//   otherwise                                               → auto
// `moves` names them for the reason ("14 E-01-05 → A-03-04").
Classification classify_move(int64_t moved_value_minor, const std::string& moves, const Guardrail& g);

// An item's decision when its count both changed and moved stock: review when either part
// waits for a person, auto when both may be fixed at once, the reasons side by side.
Classification combine(const Classification& change, const Classification& move);

inline std::string_view decision_name(Decision d) { return status_name(d); }  // auto | review | confirmed

// The guardrail as PUT /api/guardrails and the what-if preview take it:
// { inventory_auto_pct: 0..100 (≤ 3 decimals), inventory_auto_value?: amount ≥ 0 | null,
//   recount_pct?: inventory_auto_pct..100 | null, recount_value?: amount ≥ the value cap | null }.
// Each bad field is appended to `errors`.
std::optional<Guardrail> guardrail_from_body(const json& body, std::vector<FieldError>& errors);

// "5" / "2.5" / "0.125": a thousandths-of-a-percent figure as people write it.
std::string percent_text(int64_t pct_milli);

}  // namespace core::pipeline
