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

#include "business_scope.h"
#include "query.h"
#include "request.h"
#include "stock_count/posting.h"
#include "turn.h"

namespace core::pipeline {

enum class Verdict { kApprove, kReject };

// The proposal columns decide_proposal needs (join locations for ns_location_id).
inline constexpr const char* kProposalColumns =
    "p.id, p.location_id, l.ns_location_id, p.session_id, p.variance_id, p.item_id, p.payload, p.status, "
    "p.delta, v.pct, v.value_minor, v.moved_value_minor";  // the figures: its size (approval_limits.h)
inline constexpr const char* kProposalFrom =
    "proposed_actions p JOIN locations l ON l.id = p.location_id LEFT JOIN cycle_count_variances v ON v.id = p.variance_id";

// Who decided, how and why: the reason code (reason_codes.h) is kept on each proposal and on the
// adjustments an approval books; memo_reason goes to NetSuite in their memo.
struct DecisionBy {
  Verdict verdict = Verdict::kApprove;
  std::string decided_by;   // the token's name
  std::string reason_code;
  std::string reason_note;  // "" when none
  std::string memo_reason;  // memo_reason(codes, reason_code)
};

// Decides `proposal_rows` alike in a few statements whatever their number: their status,
// their variance rows' status and a reflexion_log row each. Approved lines are appended to
// `approved_lines` for the caller to post (a session posts them together).
std::vector<Statement> decide_proposals(const std::string& business_id, const std::vector<const json*>& proposal_rows,
                                        const DecisionBy& decision, const std::string& now, IdMaker& ids,
                                        std::vector<stock_count::PostingLine>* approved_lines);

// One proposal decided alone: approved, it posts its own adjustment per direction.
std::vector<Statement> decide_proposal(const std::string& business_id, const json& proposal_row,
                                       const DecisionBy& decision, const std::string& now, IdMaker& ids);

// The adjustments of a session approved as a whole: its approved lines, one adjustment per direction.
std::vector<Statement> session_approval_statements(const std::string& business_id, const json& session_row,
                                                   const std::string& ns_location_id,
                                                   const std::vector<stock_count::PostingLine>& lines,
                                                   const DecisionBy& decision, const std::string& now, IdMaker& ids);

// A session's pending proposals, oldest first (kProposalColumns).
Statement session_pending_proposals(const BusinessScope& business, const std::string& session_id);

// What a session's approval or rejection reads first: the session, its pending proposals and
// the adjustments its close booked (session_reversal.h booked_adjustments), the business's settings.
struct DecisionReads {
  Batch batch;
  Read<json> session, pending, booked, settings;  // settings: the reason codes (reason_codes.h)
};
DecisionReads session_decision_reads(const BusinessScope& business, const std::string& session_id);

}  // namespace core::pipeline
