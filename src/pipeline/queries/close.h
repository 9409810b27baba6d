#pragma once
// The close's reads (pipeline/session_close.h runs the workflow on them).
#include <cstdint>
#include <string>
#include <vector>

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

// How the variance workflow decided, over every page: one cycle_count_variances row per item
// (auto_adjusted, staged_for_review, confirmed).
Statement workflow_tally(const std::string& business_id, const std::string& session_id);

}  // namespace core::pipeline
