#pragma once
// Where a scanner's counts go (POST /api/inventory/count): without a
// session_id, the location's ACTIVE session whose scope covers every counted
// item. A session covers a row when its scope rules select the item (at the
// row's bin, if one is given) or when its snapshot expects the item. Once a
// session is chosen, a row whose bin lies outside that session's scope is an
// error of that row.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "problem.h"
#include "stock_count/lines.h"

namespace core::pipeline {

struct ActiveSession {
  std::string id;
  std::vector<stock_count::ScopeRule> rules;
  std::set<std::string> snapshot_items;
};

struct CountRow {
  size_t index = 0;
  stock_count::StockLine line;  // item attributes and, when given, bin and zone codes
};

struct CountRouting {
  std::string session_id;                  // empty when no session can take the counts
  std::vector<std::string> uncovered_skus;  // items no ACTIVE session covers → 409
  std::string conflict;                    // why no single session could be chosen → 409
  std::vector<FieldError> scope_errors;    // rows outside the chosen session's scope → 422
};

// `sessions` newest first; `requested` is the body's session_id ("" when absent),
// already known to be one of `sessions`. Rows of unknown items are left out by the caller.
CountRouting route_counts(const std::vector<ActiveSession>& sessions, const std::vector<CountRow>& rows,
                          const std::string& requested);

}  // namespace core::pipeline
