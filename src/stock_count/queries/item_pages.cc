#include "stock_count/queries/item_pages.h"

#include <algorithm>

#include "json_access.h"
#include "write_guard.h"

namespace core::stock_count {

std::string run_cursor_sql(const std::string& business) {
  return "COALESCE((SELECT run_cursor FROM stock_count_session WHERE id = ?1 AND business_id = " + business +
         " AND run_kind = ?3), '')";
}

namespace {

// `what` of every source's rows whose key is after `after`, as one compound SELECT.
std::string keys_after(const ItemPages& pages, const std::string& after, const std::string& what) {
  std::string sql;
  for (const auto& from : pages.sources) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT " + what + " FROM " + from + " AND " + pages.key + " > " + after;
  }
  return sql;
}

}  // namespace

std::string ItemPages::last_item() const {
  // The key holding the page's ?4-th line: the page ends with that item whole.
  return "(SELECT MAX(page_key) FROM (" + keys_after(*this, cursor, key + " AS page_key") +
         " ORDER BY 1 LIMIT ?4))";
}

std::string ItemPages::range(std::string_view column) const {
  std::string c(column);
  return c + " > " + cursor + " AND " + c + " <= " + last_item();
}

std::string ItemPages::items_in_page() const {
  if (key == "item_id") return range("item_id");
  return "item_id IN (SELECT items.id FROM items WHERE items.business_id = " + business + " AND " + range(key) + ")";
}

std::string ItemPages::bounds_sql() const {
  std::string end = last_item();
  return "SELECT " + cursor + " AS cursor, " + end + " AS page_end, EXISTS (" + keys_after(*this, end, "1") +
         ") AS more";
}

json ItemPages::params(const std::string& session_id, const std::string& business_id, std::string_view kind,
                       int64_t lines) {
  return json::array({session_id, business_id, std::string(kind), lines});
}

std::string ItemPages::count_sql() const {
  std::string sql;
  for (const auto& from : sources) sql += (sql.empty() ? "" : " + ") + ("(SELECT COUNT(*) FROM " + from + ")");
  return "SELECT " + sql + " AS n";
}

int64_t walk_page_lines(int64_t page_lines, const json& count_rows, size_t statements_per_page,
                        int64_t statement_budget) {
  int64_t n = count_rows.empty() ? 0 : int_or(count_rows[0], "n", 0);
  int64_t pages = std::max<int64_t>(
      1, std::min(kWalkPages, statement_budget / static_cast<int64_t>(std::max<size_t>(statements_per_page, 1))));
  return std::max(page_lines, (n + pages - 1) / pages);
}

json ItemPages::walk_params(const std::string& session_id, const std::string& business_id, const std::string& cursor,
                            int64_t lines) {
  return json::array({session_id, business_id, cursor, lines});
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
