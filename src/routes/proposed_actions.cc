#include "stock_count/queries/store.h"
#include "routes/proposed_actions.h"

#include "pipeline/recount.h"
#include "pipeline/review_status.h"
#include "queries/listing.h"
#include "pipeline/queries/proposal_decisions.h"
#include "pipeline/queries/proposal_queue.h"
#include "problem.h"
#include "quantity.h"
#include "reason_codes.h"
#include "stock_count/queries/posting_writes.h"
#include "write_guard.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

// A proposal as the queue and the decision answer show it.
json proposal_json(json row) {
  for (const char* q : {"delta", "expected_qty", "system_qty_at_count", "expected_snapshot_qty", "counted_qty"}) {
    const json* v = member(row, q);
    row[q] = v && v->is_number_integer() ? qty_json(as_int(*v)) : json();
  }
  const json* pct = member(row, "pct");
  row["pct"] = pct && pct->is_number_integer() ? json(static_cast<double>(as_int(*pct)) / 1000.0) : json();
  row["value"] = money_text(int_or(row, "value_minor", 0));
  row["avg_cost"] = money_text(int_or(row, "avg_cost_minor", 0));
  auto payload = parse_json(string_or(row, "payload", "{}"));
  row["why_review"] = payload ? string_or(*payload, "why_review", "") : "";
  // Stock found in another bin: what approving moves, bin to bin (docs/API.md "Moves").
  json moves = json::array();
  const json* lines = payload ? member(*payload, "lines") : nullptr;
  for (const auto& l : lines && lines->is_array() ? *lines : json::array()) {
    if (string_or(l, "to_bin_id", "").empty()) continue;
    moves.push_back({{"from_bin", string_or(l, "bin", "")}, {"to_bin", string_or(l, "to_bin", "")},
                     {"batch_number", stock_count::text_or_null(string_or(l, "batch_number", ""))},
                     {"serial_number", stock_count::text_or_null(string_or(l, "serial_number", ""))},
                     {"quantity", qty_json(int_or(l, "delta", 0))}});
  }
  row["moves"] = std::move(moves);
  row["moved_qty"] = qty_json(int_or(row, "moved_qty", 0));
  row["moved_value"] = money_text(int_or(row, "moved_value_minor", 0));
  const json* outdated = payload ? member(*payload, "outdated") : nullptr;
  row["outdated"] = outdated ? *outdated : json();
  row["suggestion"] = payload ? value_or_null(*payload, "suggestion") : json();
  row["recount"] = pipeline::proposal_recount(row);
  for (const char* k : {"recount_asked", "recount_first", "recount_round", "recount_latest"}) row.erase(k);
  row.erase("moved_value_minor");
  row.erase("payload");
  row.erase("avg_cost_minor");
  return row;
}

// A proposal as `principal` sees it: may_decide, and why not when over the token's limit.
json shown_to(const Principal& principal, json row) {
  auto over = over_limit(principal.limits, size_of_proposal(row));
  json out = proposal_json(std::move(row));
  out["may_decide"] = !over.has_value();
  out["over_limit"] = over ? json(*over) : json();
  return out;
}

json over_your_limit(const std::string& why) {
  return problem(403, "Over your approval limit",
                 why + "; an admin, or an approver whose limits cover it, may decide this proposal");
}

}  // namespace

json list_proposed_actions(const Ctx& ctx) {
  std::string status = ctx.query_string("status");
  if (!status.empty() && !status_from<pipeline::ProposalStatus>(status)) {
    return unprocessable("invalid filter", {{"query.status", "must be pending, approved or rejected"}});
  }
  Listing listing = pipeline::queue_listing();
  listing.filter_equal(ctx, "status", "p.status");
  listing.filter_equal(ctx, "location_id", "p.location_id");
  listing.filter_equal(ctx, "session_id", "p.session_id");
  listing.filter_equal(ctx, "item_id", "p.item_id");
  return run_listing(ctx, listing, [&ctx](json row) { return shown_to(ctx.principal, std::move(row)); });
}

// { proposed_action_id, decision: approve | reject, reason_code, reason_note? } → the decided proposal and, when
// approved, the adjustment(s) queued for NetSuite. approved_by is the token's name, never the body's.
json decide_adjustment(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  std::string id = string_or(*body, "proposed_action_id", "");
  std::string decision = string_or(*body, "decision", "");
  std::string note = string_or(*body, "reason_note", "");
  auto step = step_of<Step>(ctx.state);
  const json& d1 = ctx.first_result();

  if (step == Step::kStart) {
    std::vector<FieldError> errors;
    if (id.empty()) errors.push_back({"proposed_action_id", "required"});
    if (decision != "approve" && decision != "reject") errors.push_back({"decision", "must be approve or reject"});
    const json* note_field = member(*body, "reason_note");
    if (note_field && !note_field->is_null() && !note_field->is_string()) errors.push_back({"reason_note", "must be text"});
    if (auto e = text_too_long(*body, "reason_note", kMaxNoteLength)) errors.push_back(*e);
    if (!string_member(*body, "reason_code")) errors.push_back({"reason_code", kReasonCodeRequired});
    if (!errors.empty()) return unprocessable("the decision cannot be recorded", errors);
    return ask_d1(pipeline::decision_read(ctx.principal.business(), id).batch.take(), at_step(Step::kRead));
  }
  if (step == Step::kWritten) {
    if (failed_on_guard(d1)) return conflict("the proposal was decided by someone else meanwhile");
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    auto answer = pipeline::decision_answer(ctx.principal.business(), id);
    size_t written = static_cast<size_t>(int_or(ctx.state, "written", 0));
    json out = shown_to(ctx.principal, rows(d1, answer.shown.after(written))[0]);
    json adjustments = stock_count::adjustments_json(rows(d1, answer.adjustments.after(written)));
    out["adjustment"] = adjustments.empty() ? json() : adjustments[0];
    out["adjustments"] = adjustments;
    return respond_json(200, out);
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  auto reads = pipeline::decision_read(ctx.principal.business(), id);
  if (rows(d1, reads.proposal).empty()) return not_found("proposed action");
  const json& proposal = rows(d1, reads.proposal)[0];
  auto codes = reason_codes_of_settings(rows(d1, reads.settings));
  if (auto errors = check_decision_reason(codes, *body); !errors.empty()) {
    return unprocessable("the decision cannot be recorded", errors);
  }
  if (!is_status(string_or(proposal, "status", ""), pipeline::ProposalStatus::kPending)) {
    const json& shown = rows(d1, reads.shown)[0];
    return conflict("this proposal was already " + string_or(proposal, "status", "?") + " by " +
                    string_or(shown, "approved_by", "?") + " at " + string_or(shown, "approved_at", "?"));
  }
  if (auto over = over_limit(ctx.principal.limits, size_of_proposal(rows(d1, reads.shown)[0]))) {
    return over_your_limit(*over);
  }
  IdMaker ids{ctx.nonce, 0};
  std::string code = string_or(*body, "reason_code", "");
  pipeline::DecisionBy by{.verdict = decision == "approve" ? pipeline::Verdict::kApprove : pipeline::Verdict::kReject,
                          .decided_by = ctx.principal.token_name, .reason_code = code, .reason_note = note,
                          .memo_reason = memo_reason(codes, code)};
  auto batch = pipeline::decide_proposal(ctx.principal.business_id, proposal, by, ctx.now, ids);
  size_t written = batch.size();
  for (auto& read : pipeline::decision_answer(ctx.principal.business(), id).batch.take()) batch.push_back(std::move(read));
  return ask_d1(std::move(batch), at_step(Step::kWritten, {{"written", written}}));
}

}  // namespace core::routes
