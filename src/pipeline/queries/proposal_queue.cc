#include "pipeline/queries/proposal_queue.h"

#include "queries/business_settings.h"

#include "pipeline/queries/proposal_decisions.h"
#include "stock_count/queries/posting_writes.h"

namespace core::pipeline {

namespace {

constexpr const char* kQueueFrom =
    "proposed_actions p JOIN items i ON i.id = p.item_id JOIN locations l ON l.id = p.location_id "
    "LEFT JOIN cycle_count_variances v ON v.id = p.variance_id LEFT JOIN stock_count_session s ON s.id = p.session_id "
    "LEFT JOIN zones z ON z.id = s.zone_id";
constexpr const char* kQueueColumns =
    "p.id, p.action_type, p.status, p.location_id, l.code AS location_code, p.session_id, z.code AS zone, "
    "p.variance_id, p.item_id, i.sku, i.name AS item_name, i.avg_cost_minor, p.delta, v.expected_qty, "
    "v.system_qty_at_count, v.expected_qty AS expected_snapshot_qty, v.counted_qty, v.pct, v.value_minor, v.moved_qty, v.moved_value_minor, p.payload, p.approved_by, p.approved_at, "
    "p.reason_code, p.reason_note, p.created_at, "
    // The automatic recount (pipeline/recount.h proposal_recount): asked for a line of the item,
    // the first round's count, and the latest round counted.
    "EXISTS (SELECT 1 FROM stock_count_snapshot n JOIN stock_count_task k ON k.id = n.task_id "
    "WHERE n.session_id = p.session_id AND n.item_id = p.item_id AND k.count_index > 1) AS recount_asked, "
    "(SELECT COALESCE(SUM(e.counted_qty), 0) FROM stock_count_entry e WHERE e.session_id = p.session_id "
    "AND e.item_id = p.item_id AND e.count_index = 1) AS recount_first, "
    "(SELECT MAX(e.count_index) FROM stock_count_entry e WHERE e.session_id = p.session_id AND e.item_id = p.item_id) "
    "AS recount_round, v.counted_qty AS recount_latest";

}  // namespace

Statement queue_row(const BusinessScope& business, const std::string& proposal_id) {
  return {std::string("SELECT ") + kQueueColumns + " FROM " + kQueueFrom + " WHERE p.id = ?1 AND p.business_id = " +
              business.sql(2),
          json::array({proposal_id, business.bound()})};
}

Listing queue_listing() {
  return {.from = kQueueFrom, .columns = kQueueColumns, .order_by = "p.created_at DESC, i.sku, p.id",
          .business_column = "p.business_id"};
}

DecisionRead decision_read(const BusinessScope& business, const std::string& proposal_id) {
  DecisionRead out;
  out.proposal = out.batch.add({std::string("SELECT ") + kProposalColumns + " FROM " + kProposalFrom +
                                    " WHERE p.id = ?1 AND p.business_id = " + business.sql(2),
                                json::array({proposal_id, business.bound()})});
  out.shown = out.batch.add(queue_row(business, proposal_id));
  out.settings = out.batch.add(queries::business_settings_row(business));
  return out;
}

DecisionAnswer decision_answer(const BusinessScope& business, const std::string& proposal_id) {
  DecisionAnswer out;
  out.shown = out.batch.add(queue_row(business, proposal_id));
  out.adjustments = out.batch.add(stock_count::adjustments_where(business, "a.proposed_action_id = ?2", proposal_id));
  return out;
}

}  // namespace core::pipeline
