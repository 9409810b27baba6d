#include "routes/stock_count_sessions.h"

#include <functional>
#include <variant>

#include "listing.h"
#include "pipeline/proposal_decisions.h"
#include "pipeline/session_reversal.h"
#include "problem.h"
#include "quantity.h"
#include "routes/session_steps.h"
#include "stock_count/lifecycle.h"
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
    const json& rows = rows_of(d1, static_cast<size_t>(int_or(ctx.state, "read_at", 0)));
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
  std::vector<Statement> batch = {
      {"INSERT INTO stock_count_session (id, business_id, location_id, type, status, name, source, created_by, "
       "created_at, updated_at) SELECT ?1, ?2, ?3, ?4, " + status_sql(SessionStatus::kDraft) +
           ", ?5, 'manual', ?6, ?7, ?7 "
       "WHERE EXISTS (SELECT 1 FROM locations WHERE id = ?3 AND business_id = ?2)",
       json::array({id, ctx.principal.business_id, *location, type, name, ctx.principal.token_name, ctx.now})}};
  if (type == "FULL") {  // a FULL count covers the whole location
    batch.push_back({"INSERT INTO stock_count_scope (id, business_id, session_id, kind, value, created_at) "
                     "SELECT ?1, ?2, ?3, 'all', NULL, ?4 WHERE EXISTS (SELECT 1 FROM stock_count_session WHERE id = ?3)",
                     json::array({new_id(ctx, "scp", 1), ctx.principal.business_id, id, ctx.now})});
  }
  batch.push_back(load_session(ctx, id));
  return ask_d1(batch, at_step(Step::kCreated, {{"read_at", batch.size() - 1}}));
}

json list_sessions(const Ctx& ctx) {
  // Progress as a supervisor reads it: snapshot lines in scope, and those counted at least once.
  Listing listing{.from = "stock_count_session s JOIN locations l ON l.id = s.location_id LEFT JOIN zones z ON z.id = s.zone_id",
                  .columns = "s.id, s.location_id, l.code AS location_code, s.type, s.status, s.name, s.source, s.week_key, "
                             "s.zone_id, z.code AS zone_code, s.zero_uncounted, s.created_by, s.created_at, s.started_at, "
                             "s.closed_at, s.approved_at, s.approved_by, s.posted_at, s.rejected_at, s.reject_reason, s.updated_at, s.run_kind, "
                             "(SELECT COUNT(*) FROM stock_count_snapshot sn WHERE sn.business_id = s.business_id "
                             "AND sn.session_id = s.id) AS lines_in_scope, "
                             "(SELECT COUNT(*) FROM stock_count_entry e WHERE e.session_id = s.id AND e.count_index = 1) AS lines_counted",
                  .order_by = "s.created_at DESC, s.id",
                  .business_column = "s.business_id"};
  listing.filter_equal(ctx, "status", "s.status");
  listing.filter_equal(ctx, "location_id", "s.location_id");
  listing.filter_equal(ctx, "type", "s.type");
  listing.filter_equal(ctx, "source", "s.source");
  return run_listing(ctx, listing, session_json);
}

json get_session(const Ctx& ctx) {
  std::string id = ctx.param("id");
  if (ctx.state.is_null()) {
    BusinessScope business = ctx.principal.business();
    const json params = json::array({id, business.bound()});
    return ask_d1({load_session(ctx, id), session_scopes(ctx, id),
                   {"SELECT status, COUNT(*) AS n FROM stock_count_task WHERE session_id = ?1 AND business_id = " +
                        business.sql(2) + " GROUP BY status",
                    params},
                   {"SELECT COUNT(*) AS lines, COALESCE(SUM(quantity), 0) AS quantity FROM stock_count_snapshot "
                    "WHERE session_id = ?1 AND business_id = " + business.sql(2),
                    params},
                   session_entries_counted(ctx, id)},
                  at_step(Step::kRead));
  }
  const json& d1 = ctx.first_result();
  if (auto p = session_problem(d1, 0)) return *p;
  json out = session_json(rows_of(d1, 0)[0]);
  out["scopes"] = rows_of(d1, 1);
  json tasks = json::object();
  for (const auto& r : rows_of(d1, 2)) tasks[string_or(r, "status", "?")] = int_or(r, "n", 0);
  out["tasks_by_status"] = tasks;
  const json& snap = rows_of(d1, 3);
  out["snapshot"] = {{"lines", snap.empty() ? 0 : int_or(snap[0], "lines", 0)},
                     {"quantity", qty_json(snap.empty() ? 0 : int_or(snap[0], "quantity", 0))}};
  const json& entries = rows_of(d1, 4);
  out["entry_count"] = entries.empty() ? 0 : int_or(entries[0], "n", 0);
  return respond_json(200, out);
}

json list_snapshot_lines(const Ctx& ctx) {
  std::string id = ctx.param("id");
  Listing listing{.from = "stock_count_snapshot s JOIN items i ON i.id = s.item_id LEFT JOIN bins b ON b.id = s.bin_id",
                  .columns = "s.id, s.session_id, s.task_id, s.item_id, i.sku, b.code AS bin, s.batch_number, "
                             "s.serial_number, s.kind, s.quantity, s.taken_at",
                  .order_by = "i.sku, b.code, s.batch_number, s.serial_number",
                  .business_column = "s.business_id",
                  .parent = load_session(ctx, id),
                  .parent_name = "stock-count session"};
  listing.where("s.session_id = ?", id);
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
// reads: 0 the session, then the transition's own extra reads.
using TransitionPlanner =
    std::function<std::variant<TransitionWrite, json>(const json& session, const json& body, const json& reads)>;

// Read → check the lifecycle table → the event's own checks → guarded update
// (with the event's statements, one batch) → read back.
json session_transition(const Ctx& ctx, SessionEvent event, bool body_required, std::vector<Statement> extra_reads,
                        const TransitionPlanner& plan) {
  std::string id = ctx.param("id");
  if (ctx.state.is_null()) {
    extra_reads.insert(extra_reads.begin(), load_session(ctx, id));
    return ask_d1(extra_reads, at_step(Step::kRead));
  }
  if (step_of<Step>(ctx.state) == Step::kWritten) {
    const json* report = member(ctx.state, "report");
    return after_write(ctx, 200, static_cast<size_t>(int_or(ctx.state, "read_at", 0)), report ? *report : json::object());
  }
  const auto& read = json_body(ctx, body_required);
  if (read.problem) return *read.problem;
  const json& body = read.value;
  const json& reads = ctx.first_result();
  if (auto p = session_problem(reads, 0)) return *p;
  const json& session = rows_of(reads, 0)[0];
  if (auto p = check_transition(session, event)) return *p;
  auto planned = plan(session, body, reads);
  if (auto* problem_answer = std::get_if<json>(&planned)) return *problem_answer;
  auto& write = std::get<TransitionWrite>(planned);
  auto batch = transition_statements(ctx, session, event, write.extra_set, write.extra_params);
  batch.insert(batch.end(), write.statements.begin(), write.statements.end());
  batch.push_back(load_session(ctx, id));
  return ask_d1(batch, at_step(Step::kWritten, {{"read_at", batch.size() - 1}, {"report", write.report}}));
}

Statement pending_proposals(const Ctx& ctx, const std::string& session_id) {
  BusinessScope business = ctx.principal.business();
  return {std::string("SELECT ") + pipeline::kProposalColumns + " FROM " + pipeline::kProposalFrom +
              " WHERE p.session_id = ?1 AND p.business_id = " + business.sql(2) +
              " AND p.status = 'pending' ORDER BY p.created_at, p.id",
          json::array({session_id, business.bound()})};
}

// Session approve/reject decide every pending proposal of the session the same
// way; an approval posts their lines as the session's one adjustment per direction.
TransitionWrite decide_all(const Ctx& ctx, const json& session, const json& proposals, pipeline::Verdict verdict,
                           const std::string& reason_note, TransitionWrite write) {
  IdMaker ids{ctx.nonce, 1};
  std::vector<stock_count::PostingLine> approved_lines;
  std::vector<const json*> rows;
  std::string ns_location_id;
  for (const auto& proposal : proposals) {
    rows.push_back(&proposal);
    ns_location_id = string_or(proposal, "ns_location_id", "");
  }
  if (!rows.empty()) {
    auto statements = pipeline::decide_proposals(ctx.principal.business_id, rows, verdict, ctx.principal.token_name,
                                                 reason_note, ctx.now, ids, &approved_lines);
    write.statements.insert(write.statements.end(), statements.begin(), statements.end());
  }
  auto posting = pipeline::session_approval_statements(ctx.principal.business_id, session, ns_location_id,
                                                       approved_lines, ctx.principal.token_name, ctx.now, ids);
  write.statements.insert(write.statements.end(), posting.begin(), posting.end());
  write.report = {{"proposals_decided", proposals.size()}};
  return write;
}

}  // namespace

json approve_session(const Ctx& ctx) {
  return session_transition(ctx, SessionEvent::kApprove, false, {pending_proposals(ctx, ctx.param("id"))},
                            [&ctx](const json& session, const json& body, const json& d1) -> std::variant<TransitionWrite, json> {
    const json* note = member(body, "reason_note");
    if (note && !note->is_null() && !note->is_string()) return unprocessable("invalid approval", {{"reason_note", "must be text"}});
    if (auto e = text_too_long(body, "reason_note", kMaxNoteLength)) return unprocessable("invalid approval", {*e});
    return decide_all(ctx, session, rows_of(d1, 1), pipeline::Verdict::kApprove, string_or(body, "reason_note", ""),
                      {", approved_at = ?2, approved_by = ?6", json::array({ctx.principal.token_name})});
  });
}

// A session whose adjustments were booked is rejected only with {"reverse": true}, which books
// their reversals in the same batch (pipeline/session_reversal.h).
json reject_session(const Ctx& ctx) {
  std::string id = ctx.param("id");
  return session_transition(ctx, SessionEvent::kReject, true,
                            {pending_proposals(ctx, id), pipeline::booked_adjustments(ctx.principal.business(), id)},
                            [&ctx](const json& session, const json& body, const json& d1) -> std::variant<TransitionWrite, json> {
    std::string reason = string_or(body, "reason_note", "");
    if (reason.empty()) return unprocessable("say why the session is rejected", {{"reason_note", "required"}});
    if (auto e = text_too_long(body, "reason_note", kMaxNoteLength)) return unprocessable("invalid rejection", {*e});
    const json* reverse_field = member(body, "reverse");
    if (reverse_field && !reverse_field->is_boolean()) return unprocessable("invalid rejection", {{"reverse", "must be true or false"}});
    bool reverse = bool_member(body, "reverse").value_or(false);
    const json& booked = rows_of(d1, 2);
    if (!booked.empty() && !reverse) {
      return conflict("the session's adjustments are booked: " + pipeline::booked_list(booked) +
                      ". Send {\"reverse\": true} to book their reversals and reject it");
    }
    TransitionWrite write = decide_all(ctx, session, rows_of(d1, 1), pipeline::Verdict::kReject, reason,
                                       {", rejected_at = ?2, reject_reason = ?6", json::array({reason})});
    IdMaker ids{ctx.nonce, 1000000};
    auto reversals = pipeline::reversal_statements(ctx.principal.business_id, session, booked, ctx.principal.token_name,
                                                   reason, ctx.now, ids);
    write.statements.insert(write.statements.end(), reversals.begin(), reversals.end());
    write.report["adjustments_reversed"] = booked.size();
    return write;
  });
}

}  // namespace core::routes
