#include "pipeline/proposal_decisions.h"

#include "pipeline/reflexion.h"
#include "stock_count/posting_writes.h"
#include "write_guard.h"

namespace core::pipeline {

namespace {

std::vector<stock_count::PostingLine> payload_lines(const json& payload) {
  std::vector<stock_count::PostingLine> out;
  const json* lines = member(payload, "lines");
  if (lines == nullptr || !lines->is_array()) return out;
  for (const auto& l : *lines) {
    out.push_back({string_or(l, "item_id", ""), string_or(l, "bin_id", ""), string_or(l, "batch_number", ""),
                   string_or(l, "serial_number", ""), int_or(l, "delta", 0), int_or(l, "unit_cost_minor", 0),
                   string_or(l, "sku", ""), string_or(l, "ns_item_id", "")});
  }
  return out;
}

}  // namespace

std::vector<Statement> decide_proposal(const std::string& business_id, const json& proposal_row, Verdict verdict,
                                       const std::string& decided_by, const std::string& reason_note,
                                       const std::string& now, IdMaker& ids, Posting posting,
                                       std::vector<stock_count::PostingLine>* lines_to_post) {
  std::string id = string_or(proposal_row, "id", "");
  bool approve = verdict == Verdict::kApprove;
  std::string status = approve ? "approved" : "rejected";
  auto payload = parse_json(string_or(proposal_row, "payload", "{}"));
  json parsed = payload ? *payload : json::object();

  std::vector<Statement> out = {
      {"UPDATE proposed_actions SET status = ?1, approved_by = ?2, approved_at = ?3, reason_note = ?4 "
       "WHERE id = ?5 AND business_id = ?6 AND status = 'pending'",
       json::array({status, decided_by, now, reason_note.empty() ? json() : json(reason_note), id, business_id})},
      guard_previous_changed("proposal already decided"),
      {"UPDATE cycle_count_variances SET status = ?1 WHERE id = ?2 AND business_id = ?3",
       json::array({status, string_or(proposal_row, "variance_id", ""), business_id})}};
  if (approve && posting == Posting::kByCaller && lines_to_post != nullptr) {
    auto lines = payload_lines(parsed);
    lines_to_post->insert(lines_to_post->end(), lines.begin(), lines.end());
  } else if (approve) {
    stock_count::AdjustmentOrigin origin{
        .business_id = business_id, .location_id = string_or(proposal_row, "location_id", ""),
        .ns_location_id = string_or(proposal_row, "ns_location_id", ""),
        .session_id = string_or(proposal_row, "session_id", ""), .proposed_action_id = id,
        .reason = "cycle_count_approved",
        .memo = "Cycle count: " + string_or(parsed, "sku", "") + " approved by " + decided_by,
        .created_by = decided_by, .now = now};
    for (const auto& adjustment : stock_count::plan_posting("proposal:" + id, payload_lines(parsed))) {
      auto writes = stock_count::adjustment_statements(origin, adjustment, ids);
      out.insert(out.end(), writes.begin(), writes.end());
    }
  }
  std::string reason = reason_note.empty() ? status + " by " + decided_by : reason_note;
  const json* numbers = member(parsed, "numbers");
  auto log = reflexion_inserts(business_id, now,
                               {{ids.next("rfx"), status, reason, decided_by, "proposed_action", id,
                                 numbers ? *numbers : json::object()}});
  out.insert(out.end(), log.begin(), log.end());
  return out;
}

std::vector<Statement> session_approval_statements(const std::string& business_id, const json& session_row,
                                                   const std::string& ns_location_id,
                                                   const std::vector<stock_count::PostingLine>& lines,
                                                   const std::string& decided_by, const std::string& now, IdMaker& ids) {
  std::string session_id = string_or(session_row, "id", "");
  stock_count::AdjustmentOrigin origin{.business_id = business_id, .location_id = string_or(session_row, "location_id", ""),
                                       .ns_location_id = ns_location_id, .session_id = session_id,
                                       .reason = "cycle_count_approved",
                                       .memo = "Cycle count " + session_id + ": approved by " + decided_by,
                                       .created_by = decided_by, .now = now};
  std::vector<Statement> out;
  for (const auto& adjustment : stock_count::plan_posting("session-approval:" + session_id, lines)) {
    auto writes = stock_count::adjustment_statements(origin, adjustment, ids);
    out.insert(out.end(), writes.begin(), writes.end());
  }
  return out;
}

}  // namespace core::pipeline
