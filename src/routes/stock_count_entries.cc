#include "routes/stock_count_entries.h"

#include <map>
#include <set>

#include "queries/listing.h"
#include "problem.h"
#include "quantity.h"
#include "stock_count/entry_rows.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;


json submit_entries(const Ctx& ctx) {
  auto step = step_of<EntryStep>(ctx.state);
  const auto& read = count_body(ctx, "entries");
  if (read.problem) return *read.problem;
  std::string session_id(read.body.session_id.view());
  std::string task_id(read.body.task_id.view());
  const std::vector<CountLine>& entries = read.body.lines;
  if (step == EntryStep::kStart) {
    std::vector<FieldError> errors;
    if (session_id.empty()) errors.push_back({"session_id", "required"});
    if (std::string r = ctx.query_string("return"); !r.empty() && r != "entries" && r != "summary") {
      errors.push_back({"query.return", "must be entries or summary"});
    }
    if (!read.body.list_is_array || entries.empty()) errors.push_back({"entries", "give at least one entry"});
    else if (entries.size() > kMaxEntryRows) {
      errors.push_back({"entries", "send at most " + std::to_string(kMaxEntryRows) + " entries per request"});
    }
    if (!errors.empty()) return unprocessable("the entries cannot be recorded", errors);
    json state = at_step(EntryStep::kRead);
    keep_reads_apart_for_barcodes(ctx, entries, state);
    return ask_d1(entry_reads(ctx.principal.business(), session_id, task_id, entries).batch.take(), std::move(state));
  }
  if (step == EntryStep::kWritten) return entries_recorded(ctx, session_id);
  const json& d1 = ctx.first_result();
  // The same layout as the first turn's: the lines decide it, not the business.
  EntryReads reads = entry_reads(ctx.principal.business(), session_id, task_id, entries);
  if (auto p = session_problem(d1, reads.session.at)) return *p;
  const json& session = rows(d1, reads.session)[0];
  if (!is_status(string_or(session, "status", ""), SessionStatus::kActive)) {
    return conflict("entries are accepted only while the session is ACTIVE; it is " + string_or(session, "status", "?"));
  }
  if (auto running = string_or(session, "run_kind", ""); !running.empty()) {
    return conflict("the session's " + running + " is still being taken; send the entries again once it finished");
  }
  if (!task_id.empty()) {
    const json& task = rows(d1, reads.task);
    if (task.empty()) return unprocessable("unknown task", {{"task_id", "no such task in this session"}});
    if (is_status(string_or(task[0], "status", ""), TaskStatus::kReconciled)) {
      return conflict("the task is RECONCILED; request a recount before entering new counts");
    }
  }
  EntryPlan plan = plan_entries(ctx, entries, task_id, entry_lookups(d1, reads), "entries");
  if (!plan.errors.empty()) return unprocessable("some entries are invalid; none were recorded", plan.errors);
  return record_entries(ctx, session_id, std::move(plan));
}

json list_entries(const Ctx& ctx) {
  Listing listing = entries_listing();
  listing.filter_equal(ctx, "session_id", "e.session_id");
  listing.filter_equal(ctx, "task_id", "e.task_id");
  listing.filter_equal(ctx, "item_id", "e.item_id");
  return run_listing(ctx, listing, entry_json);
}

json get_entry(const Ctx& ctx) {
  Batch batch;
  auto entry = batch.add(load_entry(ctx.principal.business(), ctx.param("id")));
  if (ctx.state.is_null()) return ask_d1(batch.take(), at_step(EntryStep::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, entry).empty()) return not_found("entry");
  json out = entry_json(rows(d1, entry)[0]);
  out.erase("session_status");
  out.erase("tracking");
  return respond_json(200, out);
}

json update_entry(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<EntryStep>(ctx.state);
  Batch reads;
  auto found = reads.add(load_entry(ctx.principal.business(), id));
  if (step == EntryStep::kStart) return ask_d1(reads.take(), at_step(EntryStep::kRead));
  const json& d1 = ctx.first_result();
  if (step == EntryStep::kWritten) {
    if (failed_on_guard(d1)) {
      return conflict("the session stopped counting, or the serial is counted by another entry; the entry was not changed");
    }
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    json out = entry_json(rows(d1, kept(ctx.state, "entry"))[0]);
    out.erase("session_status");
    out.erase("tracking");
    return respond_json(200, out);
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, found).empty()) return not_found("entry");
  const json& entry = rows(d1, found)[0];
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  const json* qty_field = member(*body, "counted_qty");
  auto qty = qty_field ? qty_from_json(*qty_field) : std::nullopt;
  if (auto problem_text = counted_qty_problem(qty, string_or(entry, "tracking", "none"))) {
    return unprocessable("invalid count", {{"counted_qty", *problem_text}});
  }
  if (!is_status(string_or(entry, "session_status", ""), SessionStatus::kActive)) {
    return conflict("entries change only while the session is ACTIVE; it is " + string_or(entry, "session_status", "?"));
  }
  Batch batch;
  batch.add_all(entries_change(ctx.principal.business_id, string_or(entry, "session_id", "")));
  batch.add(entry_count_update(ctx.principal.business_id, id, *qty, ctx.now));
  if (std::string serial = string_or(entry, "serial_number", ""); !serial.empty() && *qty > 0) {
    batch.add(serials_counted_once(ctx.principal.business_id, string_or(entry, "session_id", ""), json::array({serial})));
  }
  json state = at_step(EntryStep::kWritten);
  keep(state, "entry", batch.add(load_entry(ctx.principal.business(), id)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace core::routes
