// ACTIVE → CLOSED with the variance workflow. A session larger than one page
// closes a page at a time (stock_count/queries/item_pages.h): the first page's batch
// changes the status, so counting stops at once; each page writes the
// variances, proposals and automatic adjustments of its own items.
#include "pipeline/session_close.h"
#include "problem.h"
#include "routes/session_steps.h"
#include "routes/stock_count_sessions.h"
#include "settings.h"
#include "stock_count/queries/store.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {

// How often a close reads again because counts arrived between its reads and its first write.
constexpr int64_t kCloseRereads = 8;

}  // namespace

// Step "page": close_reads at state.read_at; "done": the last page committed (the
// tally follows the session); "paused": this request spent its D1 budget (202).
json close_session(const Ctx& ctx) {
  std::string id = ctx.param("id");
  const std::string& business = ctx.principal.business_id;
  int64_t page_lines = session_page_rows(settings_of(ctx.settings).page_lines);
  auto step = step_of<PageStep>(ctx.state);
  if (step == PageStep::kStart) {
    return ask_d1(pipeline::close_reads(business, id, page_lines).batch.take(), at_step(PageStep::kPage, {{"read_at", 0}}));
  }
  const json& d1 = ctx.first_result();
  size_t at = static_cast<size_t>(int_or(ctx.state, "read_at", 0));
  int64_t reread = int_or(ctx.state, "reread", 0);
  // The first page's batch failed a guard: counts arrived after its reads (or the session
  // moved on). Read again and judge them too; the lifecycle check answers what else happened.
  if (failed_on_guard(d1) && bool_member(ctx.state, "first_page").value_or(false) && reread < kCloseRereads) {
    return ask_d1(pipeline::close_reads(business, id, page_lines).batch.take(),
                  at_step(PageStep::kPage, {{"read_at", 0}, {"reread", reread + 1}}));
  }
  if (step == PageStep::kPaused) return after_write(ctx, 202, at);
  if (step == PageStep::kDone) {
    const json& tally = rows(d1, kept(ctx.state, "tally"));
    json report = tally.empty() ? json::object() : tally[0];
    return after_write(ctx, 200, at, {{"workflow", report}});
  }
  if (failed_on_guard(d1)) return conflict("the session changed while it was closed; reload and retry");
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  // The page's reads stand after the previous page's writes (at), or lead the batch.
  auto reads = pipeline::close_reads(business, id, page_lines).after(at);
  if (auto p = session_problem(d1, reads.session.at)) return *p;
  const json& session = rows(d1, reads.session)[0];
  PageBounds bounds = page_bounds_from(rows(d1, reads.bounds));
  bool first_page = bounds.cursor.empty();

  std::vector<Statement> batch;
  bool zero_uncounted = int_or(session, "zero_uncounted", 0) == 1;
  if (first_page) {
    const auto& read = json_body(ctx, false);
    if (read.problem) return *read.problem;
    if (auto p = check_transition(session, SessionEvent::kClose)) return *p;
    const json* zero = member(read.value, "zero_uncounted");
    if (zero && !zero->is_boolean()) return unprocessable("invalid close", {{"zero_uncounted", "must be true or false"}});
    zero_uncounted = bool_member(read.value, "zero_uncounted").value_or(false);
    if (zero_uncounted && string_or(session, "type", "") != "FULL") {
      return unprocessable("only a FULL count can zero what nobody counted",
                           {{"zero_uncounted", "a CYCLE count leaves uncounted lines as not counted"}});
    }
    batch = transition_statements(ctx, session, SessionEvent::kClose, ", closed_at = ?2, zero_uncounted = ?6",
                                  json::array({zero_uncounted ? 1 : 0}));
    batch.push_back(entries_unchanged(business, id, int_or(session, "count_seq", 0)));
    if (bounds.more) {
      auto run = move_run(business, id, "close", bounds, "status = " + status_sql(SessionStatus::kClosed));
      batch.insert(batch.end(), run.begin(), run.end());
    }
  } else {
    // A close that paused (or was cut off) resumes where its cursor stands.
    if (string_or(session, "run_kind", "") != "close") return conflict("the session changed while it was closed; reload and retry");
    batch = move_run(business, id, "close", bounds, "status = " + status_sql(SessionStatus::kClosed));
  }
  IdMaker ids{ctx.nonce, 1};
  auto workflow = pipeline::variance_workflow_for(d1, reads, business, ctx.principal.token_name, ctx.now, zero_uncounted,
                                                  first_page ? "" : ":after:" + bounds.cursor, ids);
  batch.insert(batch.end(), std::make_move_iterator(workflow.statements.begin()),
               std::make_move_iterator(workflow.statements.end()));
  if (!bounds.more) {
    Batch last;
    last.add_all(std::move(batch));
    json state = at_step(PageStep::kDone, {{"read_at", last.size()}, {"first_page", first_page}, {"reread", reread}});
    last.add(load_session(ctx, id));
    keep(state, "tally", last.add(pipeline::workflow_tally(business, id)));
    return ask_d1(last.take(), std::move(state));
  }
  json out = next_page(ctx, id, std::move(batch), pipeline::close_reads(business, id, page_lines).batch.take());
  out["state"]["first_page"] = first_page;
  out["state"]["reread"] = reread;
  return out;
}

}  // namespace core::routes
