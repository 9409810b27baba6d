#include "pipeline/queries/workflow_writes.h"

#include "reason_codes.h"

#include "pipeline/review_status.h"
#include "pipeline/queries/reflexion.h"
#include "pipeline/booking.h"
#include "stock_count/queries/store.h"

namespace core::pipeline {

namespace {

// One row per item judged at close.
const stock_count::BulkInsert kVariances{
    "cycle_count_variances",
    {{"business_id", "?1"}, {"session_id", "?2"}, {"location_id", "?3"}, {"created_at", "?4"}},
    {"id", "item_id", "system_qty_at_count", "expected_qty", "counted_qty", "delta", "abs_delta", "pct", "value_minor",
     "decision", "status", "moved_qty", "moved_value_minor"}};

// One proposal per item sent to review, waiting for a person.
const stock_count::BulkInsert kProposals{
    "proposed_actions",
    {{"business_id", "?1"}, {"location_id", "?2"}, {"session_id", "?3"}, {"action_type", "'inventory_adjustment'"},
     {"status", status_sql(ProposalStatus::kPending)}, {"created_at", "?4"}},
    {"id", "variance_id", "item_id", "delta", "payload"}};

std::string_view status_after(Decision d) {
  switch (d) {
    case Decision::kAuto: return status_name(VarianceStatus::kAdjusted);
    case Decision::kReview: return status_name(VarianceStatus::kPending);
    case Decision::kConfirmed: return status_name(VarianceStatus::kConfirmed);
  }
  return status_name(VarianceStatus::kPending);
}

json lines_json(const std::vector<stock_count::PostingLine>& lines) {
  json out = json::array();
  for (const auto& l : lines) {
    out.push_back({{"item_id", l.item_id}, {"sku", l.sku}, {"ns_item_id", l.ns_item_id}, {"bin_id", l.bin_id},
                   {"bin", l.bin_code}, {"batch_number", l.batch_number}, {"serial_number", l.serial_number},
                   {"delta", l.delta}, {"unit_cost_minor", l.unit_cost_minor}});
    if (stock_count::is_move(l)) {
      out.back()["to_bin_id"] = l.to_bin_id;
      out.back()["to_bin"] = l.to_bin_code;
    }
  }
  return out;
}

}  // namespace

std::vector<Statement> variance_workflow_statements(const ClosingSession& session,
                                                    const std::vector<ItemVariance>& variances,
                                                    const Guardrail& guardrail, IdMaker& ids, WorkflowTally& tally) {
  json variance_rows = json::array(), proposal_rows = json::array();
  std::vector<stock_count::PostingLine> auto_lines;
  std::vector<ReflexionEntry> reflexions;
  for (const auto& v : variances) {
    Decision d = v.classification.decision;
    std::string variance_id = ids.next("ccv");
    variance_rows.push_back(kVariances.fields.row(
        {{"id", variance_id}, {"item_id", v.item_id}, {"system_qty_at_count", v.system_at_count},
         {"expected_qty", v.expected_snapshot}, {"counted_qty", v.counted}, {"delta", v.delta},
         {"abs_delta", v.delta < 0 ? -v.delta : v.delta}, {"pct", v.pct_milli ? json(*v.pct_milli) : json()},
         {"value_minor", v.value_minor}, {"decision", std::string(decision_name(d))},
         {"status", std::string(status_after(d))}, {"moved_qty", v.moved_qty},
         {"moved_value_minor", v.moved_value_minor}}));
    json numbers = variance_numbers(v, guardrail);
    json outdated;
    if (!v.overtaken_by_session.empty()) {
      outdated = {{"session_id", v.overtaken_by_session}, {"booked_at", v.overtaken_at},
                  {"bin", v.overtaken_bin.empty() ? json() : json(v.overtaken_bin)}};
      numbers["outdated"] = outdated;
      reflexions.push_back({ids.next("rfx"), "outdated", outdated_reason(v), "", "cycle_count_variance", variance_id,
                            numbers});
    }
    if (d == Decision::kAuto) {
      ++tally.auto_adjusted;
      auto_lines.insert(auto_lines.end(), v.lines.begin(), v.lines.end());
      reflexions.push_back({ids.next("rfx"), "auto_adjust", v.classification.reason, "", "cycle_count_variance",
                            variance_id, numbers});
    } else if (d == Decision::kReview) {
      ++tally.staged_for_review;
      json payload = {{"item_id", v.item_id}, {"sku", v.sku}, {"why_review", v.classification.reason},
                      {"numbers", numbers}, {"lines", lines_json(v.lines)}};
      // An outdated count is best discarded: the shelf was booked since, so a recount tells the truth.
      if (!outdated.is_null()) {
        payload["outdated"] = outdated;
        payload["suggestion"] = "reject";
      }
      proposal_rows.push_back(kProposals.fields.row({{"id", ids.next("pra")}, {"variance_id", variance_id},
                                                     {"item_id", v.item_id}, {"delta", v.delta},
                                                     {"payload", payload.dump()}}));
    } else {
      ++tally.confirmed;
    }
  }
  const std::string& biz = session.business_id;
  auto out = kVariances.statements(std::move(variance_rows),
                                   json::array({biz, session.session_id, session.location_id, session.now}));
  auto proposals = kProposals.statements(std::move(proposal_rows),
                                         json::array({biz, session.location_id, session.session_id, session.now}));
  out.insert(out.end(), proposals.begin(), proposals.end());

  stock_count::AdjustmentOrigin origin{.business_id = biz, .location_id = session.location_id,
                                       .ns_location_id = session.ns_location_id, .session_id = session.session_id,
                                       .reason = "cycle_count_auto",
                                       .memo = "Cycle count " + session.session_id + ": " +
                                               memo_reason({}, std::string(kWithinTolerance)),
                                       .created_by = session.actor, .now = session.now,
                                       .reason_code = std::string(kWithinTolerance)};
  for (const auto& adjustment : stock_count::plan_posting("stock-count:" + session.session_id + session.page_key, auto_lines)) {
    auto writes = book_adjustment(origin, adjustment, ids);
    out.insert(out.end(), writes.begin(), writes.end());
  }
  auto logs = reflexion_inserts(biz, session.now, reflexions);
  out.insert(out.end(), logs.begin(), logs.end());
  return out;
}

}  // namespace core::pipeline
