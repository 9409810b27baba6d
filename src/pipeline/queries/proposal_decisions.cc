#include "pipeline/queries/proposal_decisions.h"

#include "pipeline/review_status.h"
#include "pipeline/queries/session_reversal.h"
#include "stock_count/queries/store.h"

#include "pipeline/queries/reflexion.h"
#include "pipeline/booking.h"
#include "queries/business_settings.h"
#include "write_guard.h"

namespace core::pipeline {

namespace {

std::vector<stock_count::PostingLine> payload_lines(const json& payload) {
  std::vector<stock_count::PostingLine> out;
  const json* lines = member(payload, "lines");
  if (lines == nullptr || !lines->is_array()) return out;
  for (const auto& l : *lines) {
    out.push_back({.item_id = string_or(l, "item_id", ""), .bin_id = string_or(l, "bin_id", ""),
                   .batch_number = string_or(l, "batch_number", ""), .serial_number = string_or(l, "serial_number", ""),
                   .delta = int_or(l, "delta", 0), .unit_cost_minor = int_or(l, "unit_cost_minor", 0),
                   .sku = string_or(l, "sku", ""), .ns_item_id = string_or(l, "ns_item_id", ""),
                   .to_bin_id = string_or(l, "to_bin_id", ""), .bin_code = string_or(l, "bin", ""),
                   .to_bin_code = string_or(l, "to_bin", "")});
  }
  return out;
}

}  // namespace

std::vector<Statement> decide_proposals(const std::string& business_id, const std::vector<const json*>& proposal_rows,
                                        const DecisionBy& decision, const std::string& now, IdMaker& ids,
                                        std::vector<stock_count::PostingLine>* approved_lines) {
  bool approve = decision.verdict == Verdict::kApprove;
  const std::string& decided_by = decision.decided_by;
  const std::string& reason_note = decision.reason_note;
  // A variance row takes its proposal's decision as its own status (review_status.h).
  std::string status(status_name(approve ? VarianceStatus::kApproved : VarianceStatus::kRejected));
  static_assert(status_name(ProposalStatus::kApproved) == status_name(VarianceStatus::kApproved) &&
                status_name(ProposalStatus::kRejected) == status_name(VarianceStatus::kRejected));
  std::string reason = (reason_note.empty() ? status + " by " + decided_by : reason_note) + " [" + decision.reason_code + "]";
  json ids_decided = json::array(), variance_ids = json::array();
  std::vector<ReflexionEntry> log;
  for (const json* row : proposal_rows) {
    std::string id = string_or(*row, "id", "");
    auto payload = parse_json(string_or(*row, "payload", "{}"));
    json parsed = payload ? std::move(*payload) : json::object();
    if (approve && approved_lines != nullptr) {
      auto lines = payload_lines(parsed);
      approved_lines->insert(approved_lines->end(), lines.begin(), lines.end());
    }
    const json* numbers = member(parsed, "numbers");
    log.push_back({ids.next("rfx"), status, reason, decided_by, "proposed_action", id, numbers ? *numbers : json::object()});
    ids_decided.push_back(std::move(id));
    variance_ids.push_back(string_or(*row, "variance_id", ""));
  }
  size_t n = ids_decided.size();
  // Every proposal named must still be pending: one decided meanwhile fails the whole batch.
  std::vector<Statement> out = {
      {"UPDATE proposed_actions SET status = ?1, approved_by = ?2, approved_at = ?3, reason_note = ?4, reason_code = ?7 "
       "WHERE business_id = ?5 AND status = " + status_sql(ProposalStatus::kPending) + " AND id IN (SELECT value FROM json_each(?6))",
       json::array({status, decided_by, now, reason_note.empty() ? json() : json(reason_note), business_id,
                    std::move(ids_decided), decision.reason_code})},
      guard_previous_changed_rows("proposal already decided", n),
      {"UPDATE cycle_count_variances SET status = ?1 WHERE business_id = ?2 AND id IN (SELECT value FROM json_each(?3))",
       json::array({status, business_id, std::move(variance_ids)})}};
  auto inserts = reflexion_inserts(business_id, now, log);
  out.insert(out.end(), std::make_move_iterator(inserts.begin()), std::make_move_iterator(inserts.end()));
  return out;
}

std::vector<Statement> decide_proposal(const std::string& business_id, const json& proposal_row,
                                       const DecisionBy& decision, const std::string& now, IdMaker& ids) {
  std::vector<stock_count::PostingLine> lines;
  auto out = decide_proposals(business_id, {&proposal_row}, decision, now, ids, &lines);
  if (decision.verdict != Verdict::kApprove) return out;
  std::string id = string_or(proposal_row, "id", "");
  auto payload = parse_json(string_or(proposal_row, "payload", "{}"));
  stock_count::AdjustmentOrigin origin{
      .business_id = business_id, .location_id = string_or(proposal_row, "location_id", ""),
      .ns_location_id = string_or(proposal_row, "ns_location_id", ""),
      .session_id = string_or(proposal_row, "session_id", ""), .proposed_action_id = id,
      .reason = "cycle_count_approved",
      .memo = "Cycle count: " + (payload ? string_or(*payload, "sku", "") : std::string()) + " approved by " +
              decision.decided_by + "; " + decision.memo_reason,
      .created_by = decision.decided_by, .now = now, .reason_code = decision.reason_code};
  for (const auto& adjustment : stock_count::plan_posting("proposal:" + id, lines)) {
    auto writes = book_adjustment(origin, adjustment, ids);
    out.insert(out.end(), writes.begin(), writes.end());
  }
  return out;
}

std::vector<Statement> session_approval_statements(const std::string& business_id, const json& session_row,
                                                   const std::string& ns_location_id,
                                                   const std::vector<stock_count::PostingLine>& lines,
                                                   const DecisionBy& decision, const std::string& now, IdMaker& ids) {
  std::string session_id = string_or(session_row, "id", "");
  stock_count::AdjustmentOrigin origin{.business_id = business_id, .location_id = string_or(session_row, "location_id", ""),
                                       .ns_location_id = ns_location_id, .session_id = session_id,
                                       .reason = "cycle_count_approved",
                                       .memo = "Cycle count " + session_id + ": approved by " + decision.decided_by + "; " +
                                               decision.memo_reason,
                                       .created_by = decision.decided_by, .now = now, .reason_code = decision.reason_code};
  std::vector<Statement> out;
  for (const auto& adjustment : stock_count::plan_posting("session-approval:" + session_id, lines)) {
    auto writes = book_adjustment(origin, adjustment, ids);
    out.insert(out.end(), writes.begin(), writes.end());
  }
  return out;
}

Statement session_pending_proposals(const BusinessScope& business, const std::string& session_id) {
  return {std::string("SELECT ") + kProposalColumns + " FROM " + kProposalFrom +
              " WHERE p.session_id = ?1 AND p.business_id = " + business.sql(2) +
              " AND p.status = " + status_sql(ProposalStatus::kPending) + " ORDER BY p.created_at, p.id",
          json::array({session_id, business.bound()})};
}

DecisionReads session_decision_reads(const BusinessScope& business, const std::string& session_id) {
  DecisionReads out;
  out.session = out.batch.add(stock_count::load_session_in(business, session_id));
  out.pending = out.batch.add(session_pending_proposals(business, session_id));
  out.booked = out.batch.add(booked_adjustments(business, session_id));
  out.settings = out.batch.add(queries::business_settings_row(business));
  return out;
}

}  // namespace core::pipeline
