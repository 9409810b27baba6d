#pragma once
// A person's decision on a staged adjustment (proposed_actions): approve posts
// the adjustment the proposal describes at once — its own adjustment per
// direction, ledger rows, outbox row and event — reject posts nothing. Either
// way the proposal and its variance row change status and reflexion_log says
// who decided and why. The update is conditional on `pending`, guarded in the
// same batch, so a proposal is decided once however many clicks arrive.
#include <string>
#include <vector>

#include "request.h"
#include "turn.h"

namespace core::pipeline {

enum class Verdict { kApprove, kReject };

// The proposal columns decide_proposal needs (join locations for ns_location_id).
inline constexpr const char* kProposalColumns =
    "p.id, p.location_id, l.ns_location_id, p.session_id, p.variance_id, p.item_id, p.payload, p.status";
inline constexpr const char* kProposalFrom = "proposed_actions p JOIN locations l ON l.id = p.location_id";

std::vector<Statement> decide_proposal(const std::string& business_id, const json& proposal_row, Verdict verdict,
                                       const std::string& decided_by, const std::string& reason_note,
                                       const std::string& now, IdMaker& ids);

}  // namespace core::pipeline
