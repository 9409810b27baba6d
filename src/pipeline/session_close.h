#pragma once
// Closing a session: ACTIVE → CLOSED and the variance workflow in one batch,
// shared by PATCH /stock-count/sessions/:id/close and the Monday tick that
// finalizes last week's cron session.
#include <string>
#include <vector>

#include "pipeline/workflow_writes.h"
#include "request.h"
#include "turn.h"

namespace core::pipeline {

// 0 the session, 1 its variance lines, 2 the business's guardrail, 3 its location.
std::vector<Statement> close_reads(const std::string& business_id, const std::string& session_id);

struct CloseBatch {
  std::vector<Statement> statements;
  WorkflowTally tally;
};

// The variance workflow of the session read by close_reads: what the close
// writes beside the status change.
CloseBatch variance_workflow_for(const json& reads, const std::string& business_id, const std::string& actor,
                                 const std::string& now, bool zero_uncounted, IdMaker& ids);

// What closing would post, per item with a delta: the decision ("auto" posts at
// close, "review" once approved) and the lines, from the same workflow the close runs.
struct PreviewItem {
  std::string decision;
  std::vector<stock_count::PostingLine> lines;
};
std::vector<PreviewItem> preview_postings(const json& reads, bool zero_uncounted);

// The whole close: the status change the lifecycle table allows, guarded, then
// the workflow; no statements when the table has no close from the session's status.
CloseBatch close_batch(const json& reads, const std::string& business_id, const std::string& actor,
                       const std::string& now, bool zero_uncounted, IdMaker& ids);

}  // namespace core::pipeline
