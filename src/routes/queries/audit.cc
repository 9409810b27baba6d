#include "routes/queries/audit.h"

namespace core::routes {

Statement events_after(const BusinessScope& business, int64_t after, const std::string& type, int64_t limit) {
  return {"SELECT seq, id, type, payload, created_at FROM events WHERE business_id = " + business.sql(1) +
              " AND seq > ?2 AND (?3 = '' OR type = ?3) ORDER BY seq LIMIT ?4",
          json::array({business.bound(), after, type, limit})};
}

Listing reflexion_listing(const std::string& session_id) {
  Listing listing{.from = "reflexion_log r",
                  .columns = "r.id, r.tag, r.reason, r.approved_by, r.ref_type, r.ref_id, r.numbers, r.created_at",
                  .order_by = "r.created_at DESC, r.id",
                  .business_column = "r.business_id"};
  if (!session_id.empty()) {
    // One bound value for the session.
    listing.where("EXISTS (SELECT 1 FROM (SELECT ? AS sid) x WHERE r.ref_id = x.sid "
                  "OR r.ref_id IN (SELECT id FROM cycle_count_variances WHERE session_id = x.sid) "
                  "OR r.ref_id IN (SELECT id FROM proposed_actions WHERE session_id = x.sid))",
                  session_id);
  }
  return listing;
}

}  // namespace core::routes
