// The snapshot: taken when a session starts (DRAFT → ACTIVE), or retaken
// while nothing has been counted. A location larger than one page is
// snapshotted a page at a time (stock_count/queries/item_pages.h).
#include <functional>

#include "problem.h"
#include "routes/session_steps.h"
#include "routes/stock_count_sessions.h"
#include "settings.h"
#include "stock_count/lines.h"
#include "stock_count/queries/setup_writes.h"
#include "stock_count/queries/sessions.h"
#include "stock_count/queries/store.h"
#include "stock_count/queries/transition_writes.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {

// Reads of one page: the session, its scopes, the page's stock lines and balances, the tasks,
// the entries counted, the page's bounds — after the previous page's writes (`after`).
struct PageReads {
  Batch batch;
  Read<json> session, scopes, lines, balances, tasks, entries, bounds;
};
PageReads page_reads(const Ctx& ctx, const std::string& id, std::string_view run, size_t after = 0) {
  BusinessScope business = ctx.principal.business();
  const std::string biz = business.sql(2);
  json params = ItemPages::params(id, business.bound(), run, settings_of(ctx.settings).page_lines);
  ItemPages pages = session_stock_pages(biz);
  PageReads out;
  auto add = [&](Statement s) { return out.batch.add(std::move(s)).after(after); };
  out.session = add(load_session(ctx, id));
  out.scopes = add(session_scopes(business, id));
  out.lines = add(session_stock_page(pages, params));
  out.balances = add(session_balance_page(params, biz));
  out.tasks = add(snapshot_tasks(biz, business.bound(), id));
  out.entries = add(session_entries_counted(business, id));
  out.bounds = add({pages.bounds_sql(), params});
  return out;
}

// The page's snapshot lines → insert statements; the first page first clears any earlier snapshot.
std::vector<Statement> page_writes(const Ctx& ctx, const std::string& session_id, const json& d1,
                                   const PageReads& reads, bool first_page) {
  auto rules = scope_rules_from_rows(rows(d1, reads.scopes));
  std::vector<TaskPlan> tasks;
  std::vector<std::string> task_ids;
  for (const auto& t : rows(d1, reads.tasks)) {
    tasks.push_back({.name = string_or(t, "name", ""), .strategy = string_or(t, "strategy", ""),
                     .zone_code = string_or(t, "zone_code", ""), .bin_code = string_or(t, "bin_code", ""),
                     .category = string_or(t, "category", ""), .assignee = string_or(t, "assignee", "")});
    task_ids.push_back(string_or(t, "id", ""));
  }
  auto snapshot = build_snapshot(rules, stock_lines_from_rows(rows(d1, reads.lines)),
                                 balance_lines_from_rows(rows(d1, reads.balances)), tasks);
  std::vector<Statement> out;
  if (first_page) {
    out.push_back(snapshot_delete(ctx.principal.business_id, session_id));
  }
  IdMaker ids{ctx.nonce, 0};
  auto inserts = snapshot_inserts(ctx.principal.business_id, session_id, snapshot, task_ids, ctx.now, ids);
  out.insert(out.end(), std::make_move_iterator(inserts.begin()), std::make_move_iterator(inserts.end()));
  return out;
}

// What differs between taking the snapshot at start and retaking it.
struct SnapshotRun {
  std::string_view kind;       // run_kind while it pages
  std::string while_running;   // SQL on the session row that must hold for every page
  // The first page's checks of the session row and the page's reads.
  std::function<std::optional<json>(const json& session, const json& d1, const PageReads& reads)> check;
  // What the last page writes beside its lines (added to `batch`), and the handles its answer
  // reads, kept for the next turn.
  std::function<json(const json& session, Batch& batch)> finish;
  // The answer once the last page committed.
  std::function<json(const json& d1)> answer;
};

// One turn of a snapshot run. Step "page": the reads of page_reads at state.read_at
// (after the previous page's writes, if any); "done": the last page committed;
// "paused": this request spent its D1 budget (202, the same call resumes).
json snapshot_turn(const Ctx& ctx, const SnapshotRun& run) {
  std::string id = ctx.param("id");
  auto step = step_of<PageStep>(ctx.state);
  if (step == PageStep::kStart) {
    return ask_d1(page_reads(ctx, id, run.kind).batch.take(), at_step(PageStep::kPage, {{"read_at", 0}}));
  }
  const json& d1 = ctx.first_result();
  size_t at = static_cast<size_t>(int_or(ctx.state, "read_at", 0));
  if (step == PageStep::kDone) return run.answer(d1);
  if (step == PageStep::kPaused) return after_write(ctx, 202, at);
  if (failed_on_guard(d1)) return conflict("the session changed while its snapshot was taken; reload and retry");
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  // The page's reads stand after the previous page's writes (at), or lead the batch.
  PageReads reads = page_reads(ctx, id, run.kind, at);
  if (auto p = session_problem(d1, reads.session.at)) return *p;
  const json& session = rows(d1, reads.session)[0];
  PageBounds bounds = page_bounds_from(rows(d1, reads.bounds));
  bool first_page = bounds.cursor.empty();
  if (first_page) {
    if (auto p = run.check(session, d1, reads)) return *p;
  } else if (string_or(session, "run_kind", "") != run.kind) {
    return conflict("the session changed while its snapshot was taken; reload and retry");
  }

  std::vector<Statement> batch;
  bool paged = !first_page || bounds.more;
  if (paged) batch = move_run(ctx.principal.business_id, id, run.kind, bounds, run.while_running);
  auto writes = page_writes(ctx, id, d1, reads, first_page);
  batch.insert(batch.end(), std::make_move_iterator(writes.begin()), std::make_move_iterator(writes.end()));
  if (!bounds.more) {
    Batch last;
    last.add_all(std::move(batch));
    json state = run.finish(session, last);
    state = at_step(PageStep::kDone, std::move(state));
    keep(state, "read_at", last.add(load_session(ctx, id)));
    return ask_d1(last.take(), std::move(state));
  }
  return next_page(ctx, id, std::move(batch), page_reads(ctx, id, run.kind).batch.take());
}

}  // namespace

// DRAFT → ACTIVE; the snapshot is written with it, so counting never starts without expectations.
json start_session(const Ctx& ctx) {
  SnapshotRun run{
      .kind = "start",
      .while_running = "status = " + status_sql(SessionStatus::kDraft),
      .check = [](const json& session, const json& d1, const PageReads& reads) -> std::optional<json> {
        if (auto p = check_transition(session, SessionEvent::kStart)) return p;
        if (rows(d1, reads.scopes).empty()) return conflict("add at least one scope before starting the session");
        return std::nullopt;
      },
      .finish = [&ctx](const json& session, Batch& batch) {
        batch.add_all(transition_statements(ctx, session, SessionEvent::kStart, ", started_at = ?2", json::array()));
        batch.add(session_tasks_transition_statement(ctx.principal.business_id, ctx.param("id"), TaskEvent::kOpen,
                                                     ctx.now));
        return json::object();
      },
      .answer = [&ctx](const json&) { return after_write(ctx, 200, static_cast<size_t>(int_or(ctx.state, "read_at", 0))); }};
  return snapshot_turn(ctx, run);
}

// A fresh snapshot while no count has been entered; later it would move expectations under counts.
json take_snapshot(const Ctx& ctx) {
  std::string id = ctx.param("id");
  SnapshotRun run{
      .kind = "snapshot",
      .while_running = still_uncounted_sql(),
      .check = [](const json& session, const json& d1, const PageReads& reads) -> std::optional<json> {
        if (!is_status(string_or(session, "status", ""), SessionStatus::kActive)) {
          return conflict("a snapshot is taken when counting starts; this session is " + string_or(session, "status", "?"));
        }
        const json& entries = rows(d1, reads.entries);
        if (!entries.empty() && int_or(entries[0], "n", 0) > 0) {
          return conflict("counts were already entered against the current snapshot; it cannot be replaced");
        }
        return std::nullopt;
      },
      .finish = [&ctx, &id](const json&, Batch& batch) {
        batch.add(nothing_counted_yet(id));
        json answer_reads = json::object();
        keep(answer_reads, "size", batch.add(snapshot_size(ctx.principal.business_id, id)));
        return answer_reads;
      },
      .answer = [&ctx, &id](const json& d1) {
        if (failed_on_guard(d1)) return conflict("counting started while the snapshot was taken; it was not replaced");
        if (!d1_ok(d1)) return storage_failure(d1_error(d1));
        const json& counted = rows(d1, kept(ctx.state, "size"));
        return respond_json(201, {{"session_id", id}, {"taken_at", ctx.now},
                                  {"lines", counted.empty() ? 0 : int_or(counted[0], "n", 0)}});
      }};
  return snapshot_turn(ctx, run);
}

}  // namespace core::routes
