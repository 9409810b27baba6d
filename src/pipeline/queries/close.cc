#include "pipeline/queries/close.h"

#include "pipeline/guardrail.h"
#include "stock_count/queries/store.h"

namespace core::pipeline {

CloseReads CloseReads::after(size_t statements) const {
  CloseReads out;
  out.session = session.after(statements);
  out.lines = lines.after(statements);
  out.guardrail = guardrail.after(statements);
  out.location = location.after(statements);
  out.bounds = bounds.after(statements);
  return out;
}

CloseReads close_reads(const std::string& business_id, const std::string& session_id, int64_t page_lines) {
  return close_reads(business_id, session_id, stock_count::session_line_pages(),
                     stock_count::ItemPages::params(session_id, business_id, "close", page_lines));
}

CloseReads close_reads(const std::string& business_id, const std::string& session_id,
                       const stock_count::ItemPages& pages, const json& page) {
  CloseReads out;
  out.session = out.batch.add(stock_count::load_session_of(business_id, session_id));
  out.lines = out.batch.add(stock_count::session_variance_page(pages, page));
  out.guardrail = out.batch.add({"SELECT inventory_auto_pct, inventory_auto_value FROM guardrails WHERE business_id = ?1",
                                 json::array({business_id})});
  out.location = out.batch.add(
      {"SELECT l.id, l.ns_location_id FROM locations l JOIN stock_count_session s ON s.location_id = l.id "
       "WHERE s.id = ?1 AND s.business_id = ?2",
       json::array({session_id, business_id})});
  out.bounds = out.batch.add({pages.bounds_sql(), page});
  return out;
}

Statement workflow_tally(const std::string& business_id, const std::string& session_id) {
  return {"SELECT COALESCE(SUM(decision = " + status_sql(Decision::kAuto) + "), 0) AS auto_adjusted, "
          "COALESCE(SUM(decision = " + status_sql(Decision::kReview) + "), 0) AS staged_for_review, "
          "COALESCE(SUM(decision = " + status_sql(Decision::kConfirmed) + "), 0) AS confirmed FROM cycle_count_variances "
          "WHERE session_id = ?1 AND business_id = ?2",
          json::array({session_id, business_id})};
}

}  // namespace core::pipeline
