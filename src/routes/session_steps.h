#pragma once
// Steps the stock-count session routes share: the lifecycle check before a
// transition, the transition's statements and the answer once a write
// committed (stock_count_sessions.cc, stock_count_snapshot.cc).
#include <optional>
#include <string>
#include <vector>

#include "request.h"
#include "steps.h"
#include "stock_count/lifecycle.h"
#include "turn.h"

namespace core::routes {

// The steps of a session operation that goes in pages (a start's snapshot, a close's variance
// workflow): a page written with the next one's reads, paused on the D1 budget (202), done.
enum class PageStep { kStart, kPage, kPaused, kDone };
constexpr std::array<std::string_view, 4> step_names(PageStep) { return {"", "page", "paused", "done"}; }

// The lifecycle table's word on `event` for the loaded session row, and no
// transition while a paged operation of it has not finished (item_pages.h).
std::optional<json> check_transition(const json& session, stock_count::SessionEvent event);

// The status change itself: conditional on the status read, guarded.
// check_transition ran first: the table allows it.
std::vector<Statement> transition_statements(const Ctx& ctx, const json& session, stock_count::SessionEvent event,
                                             const std::string& extra_set, json extra_params);

// A paged operation (stock_count/queries/item_pages.h) after a page's writes in `batch`: the next page's
// reads join the batch (step "page", at state.read_at), or — when another page would pass this
// request's D1 budget (state.spent counts it) — the session is read back for a 202 (step "paused").
json next_page(const Ctx& ctx, const std::string& session_id, std::vector<Statement> batch, std::vector<Statement> next);

// The session read back at `session_statement` of the committed batch, with `report` merged in.
json after_write(const Ctx& ctx, int status_code, size_t session_statement, const json& report = json::object());

}  // namespace core::routes
