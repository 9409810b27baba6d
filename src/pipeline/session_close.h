#pragma once
// Closing a session: ACTIVE → CLOSED and the variance workflow in one batch,
// shared by PATCH /stock-count/sessions/:id/close and the Monday tick that
// finalizes last week's cron session.
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/queries/close.h"
#include "pipeline/queries/workflow_writes.h"
#include "request.h"
#include "stock_count/queries/item_pages.h"
#include "turn.h"

namespace core::pipeline {

struct CloseBatch {
  std::vector<Statement> statements;
  WorkflowTally tally;
};

// The variance workflow of the page `reads` (close_reads) read in `d1`: what the
// close writes beside the status change. `page_key` tells the automatic adjustments of
// a later page from the first's ("" for the first page).
CloseBatch variance_workflow_for(const json& d1, const CloseReads& reads, const std::string& business_id, const std::string& actor,
                                 const std::string& now, bool zero_uncounted, const std::string& page_key, IdMaker& ids);

// What closing would post, per item with a delta: the decision ("auto" posts at
// close, "review" once approved) and the lines, from the same workflow the close runs.
struct PreviewItem {
  std::string decision;
  std::vector<stock_count::PostingLine> lines;
};
std::vector<PreviewItem> preview_postings(const json& d1, const CloseReads& reads, bool zero_uncounted);

}  // namespace core::pipeline
