#pragma once
// Steps the stock-count session routes share: the lifecycle check before a
// transition, the transition's statements and the answer once a write
// committed (stock_count_sessions.cc, stock_count_snapshot.cc).
#include <optional>
#include <string>
#include <vector>

#include "request.h"
#include "stock_count/lifecycle.h"
#include "turn.h"

namespace core::routes {

// The lifecycle table's word on `event` for the loaded session row, and no
// transition while a paged operation of it has not finished (item_pages.h).
std::optional<json> check_transition(const json& session, stock_count::SessionEvent event);

// The status change itself: conditional on the status read, guarded.
// check_transition ran first: the table allows it.
std::vector<Statement> transition_statements(const Ctx& ctx, const json& session, stock_count::SessionEvent event,
                                             const std::string& extra_set, json extra_params);

// The session read back at `session_statement` of the committed batch, with `report` merged in.
json after_write(const Ctx& ctx, int status_code, size_t session_statement, const json& report = json::object());

}  // namespace core::routes
