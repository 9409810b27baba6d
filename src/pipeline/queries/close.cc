#include "pipeline/queries/close.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

std::vector<Statement> close_reads(const std::string& business_id, const std::string& session_id,
                                   int64_t page_lines) {
  return close_reads(business_id, session_id, stock_count::session_line_pages(),
                     stock_count::ItemPages::params(session_id, business_id, "close", page_lines));
}

std::vector<Statement> close_reads(const std::string& business_id, const std::string& session_id,
                                   const stock_count::ItemPages& pages, const json& page) {
  return {stock_count::load_session_of(business_id, session_id),
          stock_count::session_variance_page(pages, page),
          {"SELECT inventory_auto_pct, inventory_auto_value FROM guardrails WHERE business_id = ?1",
           json::array({business_id})},
          {"SELECT l.id, l.ns_location_id FROM locations l JOIN stock_count_session s ON s.location_id = l.id "
           "WHERE s.id = ?1 AND s.business_id = ?2",
           json::array({session_id, business_id})},
          {pages.bounds_sql(), page}};
}

Statement workflow_tally(const std::string& business_id, const std::string& session_id) {
  return {"SELECT COALESCE(SUM(decision = 'auto'), 0) AS auto_adjusted, COALESCE(SUM(decision = 'review'), 0) AS "
          "staged_for_review, COALESCE(SUM(decision = 'confirmed'), 0) AS confirmed FROM cycle_count_variances "
          "WHERE session_id = ?1 AND business_id = ?2",
          json::array({session_id, business_id})};
}

}  // namespace core::pipeline
