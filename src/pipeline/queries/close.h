#pragma once
// The close's reads (pipeline/session_close.h runs the workflow on them).
#include <cstdint>
#include <string>
#include <vector>

#include "query.h"
#include "stock_count/queries/item_pages.h"
#include "turn.h"

namespace core::pipeline {

// The close reads one page of the session's items at a time (stock_count/queries/item_pages.h):
// the session, the page's variance lines, the business's guardrail, its location, the page's
// bounds. The default page is the whole session (the weekly tick's zone).
struct CloseReads {
  Batch batch;
  Read<json> session, lines, guardrail, location, bounds;
  // The same reads placed after `statements` others of a batch (a page's writes before them);
  // the handles only, no statements.
  CloseReads after(size_t statements) const;
};
CloseReads close_reads(const std::string& business_id, const std::string& session_id,
                       int64_t page_lines = 1'000'000'000);
// The same reads of a page of `pages` bound by `page_params` (a walk, e.g. the postings preview).
CloseReads close_reads(const std::string& business_id, const std::string& session_id,
                       const stock_count::ItemPages& pages, const json& page_params);

// How the variance workflow decided, over every page: one cycle_count_variances row per item
// (auto_adjusted, staged_for_review, confirmed).
Statement workflow_tally(const std::string& business_id, const std::string& session_id);

}  // namespace core::pipeline
