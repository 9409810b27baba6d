#include "routes/stock_count_tasks.h"

#include "queries/listing.h"
#include "problem.h"
#include "stock_count/lifecycle.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "stock_count/queries/transition_writes.h"
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

// Recount: PAUSED with a new count_index; earlier entries stay as count 1 and
// variance follows the latest count.
json recount_task(const Ctx& ctx) { return move_task(ctx, std::nullopt, TaskEvent::kRecount, true); }

}  // namespace core::routes
