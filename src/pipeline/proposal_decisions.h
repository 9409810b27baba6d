#pragma once
// A person's decision on a staged adjustment (proposed_actions): approve posts
// the adjustment the proposal describes — decided alone, its own adjustment per
// direction with ledger rows and outbox row; decided with its whole session,
// the session's one adjustment per direction (stock-count seed) — reject posts
// nothing. Either
// way the proposal and its variance row change status and reflexion_log says
// who decided and why. The update is conditional on `pending`, guarded in the
// same batch, so a proposal is decided once however many clicks arrive.
#include <string>
#include <vector>

#include "request.h"
#include "stock_count/posting.h"
#include "turn.h"

namespace core::pipeline {

enum class Verdict { kApprove, kReject };

// Who posts an approved proposal's lines: the decision itself, or the caller
// that decides a whole session and posts all its approved lines together.
enum class Posting { kOwnAdjustment, kByCaller };

// The proposal columns decide_proposal needs (join locations for ns_location_id).
inline constexpr const char* kProposalColumns =
    "p.id, p.location_id, l.ns_location_id, p.session_id, p.variance_id, p.item_id, p.payload, p.status";
inline constexpr const char* kProposalFrom = "proposed_actions p JOIN locations l ON l.id = p.location_id";

// With Posting::kByCaller the approved lines are appended to `lines_to_post`.
std::vector<Statement> decide_proposal(const std::string& business_id, const json& proposal_row, Verdict verdict,
                                       const std::string& decided_by, const std::string& reason_note,
                                       const std::string& now, IdMaker& ids, Posting posting = Posting::kOwnAdjustment,
                                       std::vector<stock_count::PostingLine>* lines_to_post = nullptr);

// The adjustments of a session approved as a whole: its approved lines, one adjustment per direction.
std::vector<Statement> session_approval_statements(const std::string& business_id, const json& session_row,
                                                   const std::string& ns_location_id,
                                                   const std::vector<stock_count::PostingLine>& lines,
                                                   const std::string& decided_by, const std::string& now, IdMaker& ids);

}  // namespace core::pipeline
