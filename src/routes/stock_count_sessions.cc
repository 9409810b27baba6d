#include "routes/stock_count_sessions.h"

#include <functional>
#include <variant>

#include "queries/listing.h"
#include "pipeline/queries/proposal_decisions.h"
#include "pipeline/queries/session_reversal.h"
#include "problem.h"
#include "quantity.h"
#include "reason_codes.h"
#include "routes/session_steps.h"
#include "stock_count/lifecycle.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "steps.h"

namespace core::routes {

using namespace stock_count;

namespace {

enum class Step { kStart, kCreated, kRead, kWritten };
constexpr std::array<std::string_view, 4> step_names(Step) { return {"", "created", "read", "written"}; }

}  // namespace

json create_session(const Ctx& ctx) {
  if (!ctx.state.is_null()) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    const json& rows = core::rows(d1, kept(ctx.state, "session"));
    if (rows.empty()) {
      return unprocessable("unknown location", {{"location_id", "no such location in this business"}});
    }
    return respond_json(201, session_json(rows[0]));
  }
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json& body = read.value;
  std::vector<FieldError> errors;
  auto location = string_member(body, "location_id");
  if (!location || location->empty()) errors.push_back({"location_id", "required"});
  std::string type = string_or(body, "type", "CYCLE");
  if (type != "CYCLE" && type != "FULL") errors.push_back({"type", "must be CYCLE or FULL"});
  const json* name_field = member(body, "name");
  if (name_field && !name_field->is_string()) errors.push_back({"name", "must be a string"});
  if (auto e = text_too_long(body, "name", kMaxNameLength)) errors.push_back(*e);
  if (!errors.empty()) return unprocessable("the session cannot be created", errors);

  std::string id = new_id(ctx, "ses", 0);
  std::string name = string_or(body, "name", type + " count " + ctx.now.substr(0, 10));
  Batch batch;
  batch.add(session_insert(ctx.principal.business_id, id, *location, type, name, ctx.principal.token_name, ctx.now));
  if (type == "FULL") {  // a FULL count covers the whole location
    batch.add(full_scope_insert(ctx.principal.business_id, new_id(ctx, "scp", 1), id, ctx.now));
  }
  json state = at_step(Step::kCreated);
  keep(state, "session", batch.add(load_session(ctx, id)));
  return ask_d1(batch.take(), std::move(state));
}

json list_sessions(const Ctx& ctx) {
  Listing listing = sessions_listing();
  listing.filter_equal(ctx, "status", "s.status");
  listing.filter_equal(ctx, "location_id", "s.location_id");
  listing.filter_equal(ctx, "type", "s.type");
  listing.filter_equal(ctx, "source", "CASE WHEN s.trigger_reason IS NULL THEN s.source ELSE 'trigger' END");
  return run_listing(ctx, listing, session_json);
}

json get_session(const Ctx& ctx) {
  std::string id = ctx.param("id");
  SessionReads reads = session_reads(ctx.principal.business(), id);
  if (ctx.state.is_null()) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (auto p = session_problem(d1, reads.session.at)) return *p;
  json out = session_json(rows(d1, reads.session)[0]);
  out["scopes"] = rows(d1, reads.scopes);
  json tasks = json::object();
  for (const auto& r : rows(d1, reads.tasks_by_status)) tasks[string_or(r, "status", "?")] = int_or(r, "n", 0);
  out["tasks_by_status"] = tasks;
  const json& snap = rows(d1, reads.snapshot);
  out["snapshot"] = {{"lines", snap.empty() ? 0 : int_or(snap[0], "lines", 0)},
                     {"quantity", qty_json(snap.empty() ? 0 : int_or(snap[0], "quantity", 0))}};
  const json& entries = rows(d1, reads.entries);
  out["entry_count"] = entries.empty() ? 0 : int_or(entries[0], "n", 0);
  return respond_json(200, out);
}

json list_snapshot_lines(const Ctx& ctx) {
  std::string id = ctx.param("id");
  Listing listing = snapshot_listing(load_session(ctx, id), id);
  listing.filter_equal(ctx, "kind", "s.kind");
  listing.filter_equal(ctx, "task_id", "s.task_id");
  return run_listing(ctx, listing, [](json row) {
    row["quantity"] = qty_json(int_or(row, "quantity", 0));
    return row;
  });
}

namespace {


// What a transition writes beside the status: SET clauses whose parameters
// start at ?6, statements for the same batch, and figures for the answer.
struct TransitionWrite {
  std::string extra_set;
  json extra_params = json::array();
  std::vector<Statement> statements = {};
  json report = json::object();
};
using TransitionPlanner = std::function<std::variant<TransitionWrite, json>(
    const json& session, const json& body, const json& d1, const pipeline::DecisionReads& reads)>;

// Read → check the lifecycle table → the event's own checks → guarded update
// (with the event's statements, one batch) → read back.
json session_transition(const Ctx& ctx, SessionEvent event, bool body_required, const TransitionPlanner& plan) {
  std::string id = ctx.param("id");
  auto reads = pipeline::session_decision_reads(ctx.principal.business(), id);
  if (ctx.state.is_null()) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  if (step_of<Step>(ctx.state) == Step::kWritten) {
    const json* report = member(ctx.state, "report");
    return after_write(ctx, 200, kept(ctx.state, "session").at, report ? *report : json::object());
  }
  const auto& read = json_body(ctx, body_required);
  if (read.problem) return *read.problem;
  const json& body = read.value;
  const json& d1 = ctx.first_result();
  if (auto p = session_problem(d1, reads.session.at)) return *p;
  const json& session = rows(d1, reads.session)[0];
  if (auto p = check_transition(session, event)) return *p;
  auto planned = plan(session, body, d1, reads);
  if (auto* problem_answer = std::get_if<json>(&planned)) return *problem_answer;
  auto& write = std::get<TransitionWrite>(planned);
  Batch batch;
  batch.add_all(transition_statements(ctx, session, event, write.extra_set, write.extra_params));
  batch.add_all(std::move(write.statements));
  json state = at_step(Step::kWritten, {{"report", write.report}});
  keep(state, "session", batch.add(load_session(ctx, id)));
  return ask_d1(batch.take(), std::move(state));
}

// A session decision decides every pending proposal: none may be over the token's limit.
std::optional<json> over_limit_in(const Ctx& ctx, const json& proposals) {
  size_t over = 0;
  std::string first;
  for (const auto& p : proposals) {
    if (auto why = over_limit(ctx.principal.limits, size_of_proposal(p))) {
      if (over++ == 0) first = *why;
    }
  }
  if (over == 0) return std::nullopt;
  return problem(403, "Over your approval limit",
                 std::to_string(over) + " of the session's pending proposals are over your approval limit (the first: " + first +
                     "); an admin, or an approver whose limits cover them, may decide the session");
}

// Session approve/reject decide every pending proposal of the session the same
// way; an approval posts their lines as the session's one adjustment per direction.
TransitionWrite decide_all(const Ctx& ctx, const json& session, const json& proposals, const pipeline::DecisionBy& by,
                           TransitionWrite write) {
  IdMaker ids{ctx.nonce, 1};
  std::vector<stock_count::PostingLine> approved_lines;
  std::vector<const json*> pending;
  std::string ns_location_id;
  for (const auto& proposal : proposals) {
    pending.push_back(&proposal);
    ns_location_id = string_or(proposal, "ns_location_id", "");
  }
  if (!pending.empty()) {
    auto statements = pipeline::decide_proposals(ctx.principal.business_id, pending, by, ctx.now, ids, &approved_lines);
    write.statements.insert(write.statements.end(), statements.begin(), statements.end());
  }
  auto posting = pipeline::session_approval_statements(ctx.principal.business_id, session, ns_location_id,
                                                       approved_lines, by, ctx.now, ids);
  write.statements.insert(write.statements.end(), posting.begin(), posting.end());
  write.report = {{"proposals_decided", proposals.size()}};
  return write;
}

// A session decision's reason (reason_codes.h): the code is required, the note where the code
// says `other`; the problem when it cannot be recorded.
std::variant<pipeline::DecisionBy, json> session_reason(const Ctx& ctx, const json& body, const json& settings,
                                                        pipeline::Verdict verdict, const char* what) {
  std::vector<FieldError> errors;
  const json* note = member(body, "reason_note");
  if (note && !note->is_null() && !note->is_string()) errors.push_back({"reason_note", "must be text"});
  if (auto e = text_too_long(body, "reason_note", kMaxNoteLength)) errors.push_back(*e);
  auto codes = reason_codes_of_settings(settings);
  for (auto& e : check_decision_reason(codes, body)) errors.push_back(std::move(e));
  if (!errors.empty()) return unprocessable(what, errors);
  std::string code = string_or(body, "reason_code", "");
  return pipeline::DecisionBy{.verdict = verdict, .decided_by = ctx.principal.token_name, .reason_code = code,
                              .reason_note = string_or(body, "reason_note", ""), .memo_reason = memo_reason(codes, code)};
}

}  // namespace

json approve_session(const Ctx& ctx) {
  return session_transition(ctx, SessionEvent::kApprove, false,
                            [&ctx](const json& session, const json& body, const json& d1,
                                   const pipeline::DecisionReads& reads) -> std::variant<TransitionWrite, json> {
    auto by = session_reason(ctx, body, rows(d1, reads.settings), pipeline::Verdict::kApprove, "invalid approval");
    if (auto* problem = std::get_if<json>(&by)) return *problem;
    if (auto over = over_limit_in(ctx, rows(d1, reads.pending))) return *over;
    return decide_all(ctx, session, rows(d1, reads.pending), std::get<pipeline::DecisionBy>(by),
                      {", approved_at = ?2, approved_by = ?6", json::array({ctx.principal.token_name})});
  });
}

// A session whose adjustments were booked is rejected only with {"reverse": true}, which books
// their reversals in the same batch (pipeline/queries/session_reversal.h).
json reject_session(const Ctx& ctx) {
  return session_transition(ctx, SessionEvent::kReject, true,
                            [&ctx](const json& session, const json& body, const json& d1,
                                   const pipeline::DecisionReads& reads) -> std::variant<TransitionWrite, json> {
    auto decided = session_reason(ctx, body, rows(d1, reads.settings), pipeline::Verdict::kReject, "invalid rejection");
    if (auto* problem = std::get_if<json>(&decided)) return *problem;
    const auto& by = std::get<pipeline::DecisionBy>(decided);
    const json* reverse_field = member(body, "reverse");
    if (reverse_field && !reverse_field->is_boolean()) return unprocessable("invalid rejection", {{"reverse", "must be true or false"}});
    bool reverse = bool_member(body, "reverse").value_or(false);
    if (auto over = over_limit_in(ctx, rows(d1, reads.pending))) return *over;
    const json& booked = rows(d1, reads.booked);
    if (!booked.empty() && !reverse) {
      return conflict("the session's adjustments are booked: " + pipeline::booked_list(booked) +
                      ". Send {\"reverse\": true} to book their reversals and reject it");
    }
    std::string why = by.reason_note.empty() ? by.reason_code : by.reason_code + ": " + by.reason_note;
    TransitionWrite write = decide_all(ctx, session, rows(d1, reads.pending), by,
                                       {", rejected_at = ?2, reject_reason = ?6", json::array({why})});
    IdMaker ids{ctx.nonce, 1000000};
    auto reversals = pipeline::reversal_statements(ctx.principal.business_id, session, booked, by, ctx.now, ids);
    write.statements.insert(write.statements.end(), reversals.begin(), reversals.end());
    write.report["adjustments_reversed"] = booked.size();
    return write;
  });
}

}  // namespace core::routes
