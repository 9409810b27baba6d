#pragma once
// Closing a session: ACTIVE → CLOSED and the variance workflow in one batch,
// shared by PATCH /stock-count/sessions/:id/close and the Monday tick that
// finalizes last week's cron session.
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/workflow_writes.h"
#include "request.h"
#include "stock_count/queries/item_pages.h"
#include "turn.h"

namespace core::pipeline {

// The close reads one page of the session's items at a time (stock_count/queries/item_pages.h):
// 0 the session, 1 the page's variance lines, 2 the business's guardrail, 3 its location,
// 4 the page's bounds. The default page is the whole session (the weekly tick's zone).
inline constexpr size_t kCloseSession = 0, kCloseLines = 1, kCloseGuardrail = 2, kCloseLocation = 3, kCloseBounds = 4;
std::vector<Statement> close_reads(const std::string& business_id, const std::string& session_id,
                                   int64_t page_lines = 1'000'000'000);
// The same reads of a page of `pages` bound by `page_params` (a walk, e.g. the postings preview).
std::vector<Statement> close_reads(const std::string& business_id, const std::string& session_id,
                                   const stock_count::ItemPages& pages, const json& page_params);

struct CloseBatch {
  std::vector<Statement> statements;
  WorkflowTally tally;
};

// The variance workflow of the page read by close_reads at `at` of `reads`: what the
// close writes beside the status change. `page_key` tells the automatic adjustments of
// a later page from the first's ("" for the first page).
CloseBatch variance_workflow_for(const json& reads, size_t at, const std::string& business_id, const std::string& actor,
                                 const std::string& now, bool zero_uncounted, const std::string& page_key, IdMaker& ids);

// What closing would post, per item with a delta: the decision ("auto" posts at
// close, "review" once approved) and the lines, from the same workflow the close runs.
struct PreviewItem {
  std::string decision;
  std::vector<stock_count::PostingLine> lines;
};
std::vector<PreviewItem> preview_postings(const json& reads, bool zero_uncounted);

}  // namespace core::pipeline
