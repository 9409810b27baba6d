#include "stock_count/item_pages.h"

#include "json_access.h"
#include "write_guard.h"

namespace core::stock_count {

std::string run_cursor_sql() {
  return "COALESCE((SELECT run_cursor FROM stock_count_session WHERE id = ?1 AND business_id = ?2 AND run_kind = ?3), '')";
}

namespace {

// item_id of every source after `after`, as one compound SELECT.
std::string items_after(const std::vector<std::string>& sources, const std::string& after, const char* what) {
  std::string sql;
  for (const auto& from : sources) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += std::string("SELECT ") + what + " FROM " + from + " AND item_id > " + after;
  }
  return sql;
}

}  // namespace

std::string ItemPages::last_item() const {
  // The item holding the page's ?4-th line: the page ends with that item whole.
  return "(SELECT MAX(item_id) FROM (" + items_after(sources, run_cursor_sql(), "item_id") +
         " ORDER BY item_id LIMIT ?4))";
}

std::string ItemPages::range(std::string_view column) const {
  std::string c(column);
  return c + " > " + run_cursor_sql() + " AND " + c + " <= " + last_item();
}

std::string ItemPages::bounds_sql() const {
  std::string end = last_item();
  return "SELECT " + run_cursor_sql() + " AS cursor, " + end + " AS page_end, EXISTS (" +
         items_after(sources, end, "1") + ") AS more";
}

json ItemPages::params(const std::string& session_id, const std::string& business_id, std::string_view kind,
                       int64_t lines) {
  return json::array({session_id, business_id, std::string(kind), lines});
}

PageBounds page_bounds_from(const json& rows) {
  if (rows.empty()) return {};
  return {string_or(rows[0], "cursor", ""), string_or(rows[0], "page_end", ""), int_or(rows[0], "more", 0) != 0};
}

std::vector<Statement> move_run(const std::string& business_id, const std::string& session_id, std::string_view kind,
                                const PageBounds& bounds, const std::string& condition) {
  json next_kind = bounds.more ? json(std::string(kind)) : json();
  json next_cursor = bounds.more ? json(bounds.page_end) : json();
  return {{"UPDATE stock_count_session SET run_kind = ?3, run_cursor = ?4 WHERE id = ?1 AND business_id = ?2 "
           "AND COALESCE(run_cursor, '') = ?5 AND COALESCE(run_kind, ?6) = ?6 AND " + condition,
           json::array({session_id, business_id, next_kind, next_cursor, bounds.cursor, std::string(kind)})},
          guard_previous_changed("another request moved this session's pages on first; reload and retry")};
}

}  // namespace core::stock_count
