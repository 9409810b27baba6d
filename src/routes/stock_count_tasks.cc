#include "routes/stock_count_tasks.h"

#include "queries/listing.h"
#include "problem.h"
#include "stock_count/lifecycle.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "stock_count/queries/transition_writes.h"
#include "stock_count/queries/walk.h"
#include "write_guard.h"
#include "steps.h"

namespace core::routes {

using namespace stock_count;

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

// One task transition: read, check the table, conditional update, read back.
json move_task(const Ctx& ctx, std::optional<TaskEvent> event_from_body, TaskEvent fixed_event, bool needs_counting) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  Batch reads;
  auto found = reads.add(load_task(ctx.principal.business(), id));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (step == Step::kWritten) {
    if (failed_on_guard(d1)) return conflict("the task changed while this request ran; reload and retry");
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    const json& moved = rows(d1, kept(ctx.state, "task"));
    if (moved.empty()) return storage_failure("task vanished");
    json out = task_json(moved[0]);
    out.erase("session_status");
    return respond_json(200, out);
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, found).empty()) return not_found("task");
  const json& task = rows(d1, found)[0];
  TaskEvent event = event_from_body.value_or(fixed_event);
  std::string session_status = string_or(task, "session_status", "");
  bool counting = is_status(session_status, SessionStatus::kActive);
  if (needs_counting ? !counting : (!counting && !is_status(session_status, SessionStatus::kClosed))) {
    return conflict("the task's session is " + session_status + (needs_counting ? "; a recount needs it ACTIVE" : ""));
  }
  auto moves = task_transition_statements(ctx.principal.business_id, task, event, ctx.now);
  if (!moves) return conflict("a task that is " + string_or(task, "status", "?") + " cannot make that move");
  Batch batch;
  batch.add_all(std::move(*moves));
  json state = at_step(Step::kWritten);
  keep(state, "task", batch.add(load_task(ctx.principal.business(), id)));
  return ask_d1(batch.take(), std::move(state));
}

}  // namespace

json list_tasks(const Ctx& ctx) {
  Listing listing = tasks_listing();
  listing.filter_equal(ctx, "session_id", "t.session_id");
  listing.filter_equal(ctx, "status", "t.status");
  listing.filter_equal(ctx, "assignee", "t.assignee");
  return run_listing(ctx, listing, task_json);
}

json get_task(const Ctx& ctx) {
  Batch reads;
  auto found = reads.add(load_task(ctx.principal.business(), ctx.param("id")));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, found).empty()) return not_found("task");
  json out = task_json(rows(d1, found)[0]);
  out.erase("session_status");
  return respond_json(200, out);
}

json update_task(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  auto status = task_status_from(string_or(*body, "status", ""));
  auto event = status ? task_event_reaching(*status) : std::nullopt;
  if (!event) {
    return unprocessable("invalid task status",
                         {{"status", "set IN_PROGRESS, PAUSED or COMPLETED; use /approve or /recount for the rest"}});
  }
  return move_task(ctx, event, *event, false);
}

json approve_task(const Ctx& ctx) { return move_task(ctx, std::nullopt, TaskEvent::kApprove, false); }

// The task's walk: its bins in walk order, each with the lines left to count (never a quantity),
// what is counted, and what was found there that the task does not list.
json task_walk(const Ctx& ctx) {
  WalkReads reads = walk_reads(ctx.principal.business(), ctx.param("id"));
  if (ctx.state.is_null()) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, reads.task).empty()) return not_found("task");
  const json& task = rows(d1, reads.task)[0];
  json bins = json::array();
  int64_t total = 0, counted = 0;
  for (const auto& r : rows(d1, reads.lines)) {
    json bin = value_or_null(r, "bin");
    if (bins.empty() || bins.back()["bin"] != bin) {
      bins.push_back({{"bin", bin}, {"walk_seq", value_or_null(r, "walk_seq")}, {"lines", json::array()}, {"left", 0}});
    }
    bool done = int_or(r, "counted", 0) != 0;
    bins.back()["lines"].push_back({{"item_id", value_or_null(r, "item_id")}, {"sku", value_or_null(r, "sku")},
                                    {"name", value_or_null(r, "name")}, {"batch_number", value_or_null(r, "batch_number")},
                                    {"serial_number", value_or_null(r, "serial_number")}, {"counted", done}});
    if (!done) bins.back()["left"] = bins.back()["left"].get<int64_t>() + 1;
    total += 1;
    counted += done ? 1 : 0;
  }
  return respond_json(200, {{"task_id", value_or_null(task, "id")}, {"session_id", value_or_null(task, "session_id")},
                            {"name", value_or_null(task, "name")}, {"status", value_or_null(task, "status")},
                            {"count_index", value_or_null(task, "count_index")}, {"assignee", value_or_null(task, "assignee")},
                            {"lines", total}, {"counted", counted}, {"bins", std::move(bins)},
                            {"found", rows(d1, reads.found)}});
}

// What nobody counted, to a recount task: the task's lines without a count of its round move to a
// new task (OPEN, the next count index, for the counter named), in one action before the close.
json send_uncounted(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  if (step == Step::kWritten) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    const json& made = rows(d1, kept(ctx.state, "task"));
    if (made.empty()) return conflict("the session stopped counting, or the lines were counted, while this request ran");
    json out = task_json(made[0]);
    out.erase("session_status");
    return respond_json(201, out);
  }
  const auto& read = json_body(ctx, false);  // the body is optional
  if (read.problem) return *read.problem;
  if (read.value.is_object()) {
    for (const auto& [key, value] : read.value.items()) {
      if (key != "assignee") return unprocessable("the lines cannot be sent", {FieldError{key, "not a field (assignee is)"}});
    }
  }
  const json* assignee = member(read.value, "assignee");
  if (assignee && !assignee->is_null() && (!assignee->is_string() || assignee->get<std::string>().size() > 100)) {
    return unprocessable("the lines cannot be sent", {FieldError{"assignee", "a name of at most 100 characters, or null"}});
  }
  WalkReads reads = walk_reads(ctx.principal.business(), id);
  if (step == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, reads.task).empty()) return not_found("task");
  const json& task = rows(d1, reads.task)[0];
  if (!is_status(string_or(task, "session_status", ""), SessionStatus::kActive)) {
    return conflict("the task's session is " + string_or(task, "session_status", "?") + "; lines are sent to a recount while it is ACTIVE");
  }
  json ids = json::array();
  for (const auto& r : rows(d1, reads.lines)) {
    if (int_or(r, "counted", 0) == 0) ids.push_back(value_or_null(r, "snapshot_id"));
  }
  if (ids.empty()) return conflict("every line of the task is counted");
  IdMaker make{ctx.nonce};
  UncountedMove move{.business_id = ctx.principal.business_id, .session_id = string_or(task, "session_id", ""), .from_task = id,
                     .new_task = make.next("tsk"), .name = "Not counted in " + string_or(task, "name", id),
                     .assignee = assignee && assignee->is_string() ? assignee->get<std::string>() : "", .now = ctx.now,
                     .snapshot_ids = std::move(ids)};
  UncountedWrites writes = uncounted_to_task(move);
  json state = at_step(Step::kWritten);
  keep(state, "task", writes.task);
  return ask_d1(writes.batch.take(), std::move(state));
}

// Recount: PAUSED with a new count_index; earlier entries stay as count 1 and
// variance follows the latest count.
json recount_task(const Ctx& ctx) { return move_task(ctx, std::nullopt, TaskEvent::kRecount, true); }

}  // namespace core::routes
