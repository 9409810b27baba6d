#pragma once
// Long session operations — the snapshot a start takes (or a retake), the
// variance workflow a close runs — go through the session's items in pages.
// A page holds whole items, about `lines` lines (COUNT_PAGE_LINES), and each
// page is one D1 batch that writes it and reads the next, so neither the
// core's memory nor a batch grows with the session.
//
// While an operation of more than one page runs, the session row says so:
// run_kind names it and run_cursor is the last item done. Every page's batch
// first moves the cursor on from the value its reads saw (a guard), so a page
// is written once even when two requests race, and a request that has spent
// its D1 budget answers 202: the same call again resumes at the cursor.
//
// Page statements bind ?1 the session, ?2 the business, ?3 the run kind and
// ?4 the page's lines; the cursor is read from the session row itself.
//
// A read that walks a session in pages (the variance report, in sku order)
// binds its cursor instead: ?3 is the last key of the page before.
#include <string>
#include <string_view>
#include <vector>

#include "turn.h"

namespace core::stock_count {

// The D1 statements one request spends on pages before it answers 202, unless
// D1_STATEMENT_BUDGET says otherwise (settings.h; a Worker invocation may run 1,000 D1 queries).
inline constexpr size_t kPageStatementBudget = 800;

// The most pages a read walks in one request (a conversation runs at most 256
// turns, one page each); past COUNT_PAGE_LINES × this, its pages grow instead.
inline constexpr int64_t kWalkPages = 200;

// "(…)": the cursor of the session's run of kind ?3, '' when none runs. `business` is the
// SQL that names the business (BusinessScope::sql(2): ?2 itself once the token is checked).
std::string run_cursor_sql(const std::string& business = "?2");

// Where a page's lines come from: `FROM table WHERE …` clauses whose rows have
// the key column (an index delivers them in its order).
struct ItemPages {
  std::vector<std::string> sources;
  std::string key = "item_id";            // pages go by it, ascending: item_id, or items.sku
  std::string business = "?2";            // the SQL naming the business (BusinessScope::sql(2))
  std::string cursor = run_cursor_sql(business);  // the last key before this page ('' at the first)

  // "<column> > cursor AND <column> <= the page's last key"
  std::string range(std::string_view column) const;
  // The page's items, as a condition on a table's item_id column.
  std::string items_in_page() const;
  // SELECT cursor, page_end (the page's last key, NULL when none), more (keys after it)
  std::string bounds_sql() const;
  // SELECT n: the rows of every source (binds ?1 and ?2 only).
  std::string count_sql() const;
  // The same pages walked by a read: the cursor bound as ?3 (walk_params).
  ItemPages walk() const {
    ItemPages out = *this;
    out.cursor = "?3";
    return out;
  }
  // The bound parameters of every page statement.
  static json params(const std::string& session_id, const std::string& business_id, std::string_view kind,
                     int64_t lines);
  // …and of a walk with a bound cursor.
  static json walk_params(const std::string& session_id, const std::string& business_id, const std::string& cursor,
                          int64_t lines);

 private:
  std::string last_item() const;
};

// The lines of a walk's pages after its first: `page_lines`, or more when the
// count_sql rows say the walk would take over kWalkPages pages, or spend over
// `statement_budget` D1 statements (D1_STATEMENT_BUDGET) at `statements_per_page`.
int64_t walk_page_lines(int64_t page_lines, const json& count_rows, size_t statements_per_page,
                        int64_t statement_budget);

// A bounds_sql row.
struct PageBounds {
  std::string cursor;    // the last item before this page ('' at the first)
  std::string page_end;  // the page's last item ('' when nothing remains)
  bool more = false;     // items after the page
};
PageBounds page_bounds_from(const json& rows);

// Moves the session's run of `kind` from `bounds.cursor` to the page's end, only while
// `condition` (SQL on the row, e.g. "status = " + status_sql(SessionStatus::kDraft)) holds and nobody moved it first;
// on the last page the run ends (run_kind and run_cursor NULL). Guarded: a race is a 409.
std::vector<Statement> move_run(const std::string& business_id, const std::string& session_id, std::string_view kind,
                                const PageBounds& bounds, const std::string& condition);

}  // namespace core::stock_count
