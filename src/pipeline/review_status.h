#pragma once
// The status words of the review: a proposal (proposed_actions.status) waits for a person and is
// approved or rejected; a variance row (cycle_count_variances.status) was adjusted at close,
// confirmed (no difference), or follows its proposal (pending, approved, rejected).
#include "status_names.h"

namespace core::pipeline {

enum class ProposalStatus { kPending, kApproved, kRejected };
constexpr std::array<std::string_view, 3> status_names(ProposalStatus) { return {"pending", "approved", "rejected"}; }

enum class VarianceStatus { kPending, kAdjusted, kConfirmed, kApproved, kRejected };
constexpr std::array<std::string_view, 5> status_names(VarianceStatus) {
  return {"pending", "adjusted", "confirmed", "approved", "rejected"};
}

}  // namespace core::pipeline
