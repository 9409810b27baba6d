#include "netsuite/queries/pushes.h"

#include "netsuite/push_status.h"
namespace core::netsuite {

namespace {

constexpr const char* kPushFrom =
    "ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id JOIN locations l ON l.id = a.location_id";
constexpr const char* kPushColumns =
    "p.id, p.external_id, p.status, p.attempts, p.next_attempt_at, p.last_error, p.ns_internal_id, p.lease_until, "
    "p.created_at, p.updated_at, a.id AS adjustment_id, a.direction, a.reason, a.session_id, a.proposed_action_id, "
    "a.location_id, l.code AS location_code, "
    "(SELECT COUNT(*) FROM inventory_adjustment_line x WHERE x.adjustment_id = a.id) AS line_count, "
    "(SELECT COALESCE(SUM(x.quantity), 0) FROM inventory_adjustment_line x WHERE x.adjustment_id = a.id) AS quantity, "
    "(SELECT COALESCE(SUM(x.quantity * x.unit_cost_minor), 0) FROM inventory_adjustment_line x "
    "WHERE x.adjustment_id = a.id) AS value_milli_minor";

}  // namespace

Statement push_row(const BusinessScope& business, const std::string& push_id) {
  return {std::string("SELECT ") + kPushColumns + " FROM " + kPushFrom + " WHERE p.id = ?1 AND p.business_id = " +
              business.sql(2),
          json::array({push_id, business.bound()})};
}

Listing pushes_listing() {
  return {.from = kPushFrom, .columns = kPushColumns, .order_by = "p.created_at DESC, p.id",
          .business_column = "p.business_id"};
}

Statement push_retry(const std::string& business_id, const std::string& push_id, const std::string& now) {
  return {"UPDATE ns_pending_pushes SET status = " + status_sql(PushStatus::kPending) +
              ", attempts = 0, next_attempt_at = ?1, lease_owner = NULL, lease_until = NULL, updated_at = ?1 "
              "WHERE id = ?2 AND business_id = ?3 AND status = " + status_sql(PushStatus::kDead),
          json::array({now, push_id, business_id}), business_id};
}

}  // namespace core::netsuite
