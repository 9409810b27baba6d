#include "routes/stock_count_variance.h"

#include "queries/listing.h"
#include "query.h"
#include "pagination.h"
#include "problem.h"
#include "quantity.h"
#include "settings.h"
#include "pipeline/queries/reflexion.h"
#include "routes/session_steps.h"
#include "pipeline/session_close.h"
#include "pipeline/variance_workflow.h"
#include "stock_count/queries/item_pages.h"
#include "stock_count/queries/posting_writes.h"
#include "stock_count/queries/store.h"
#include "stock_count/variance.h"
#include "write_guard.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {

enum class Step { kStart, kWalk, kRead, kReplay, kWritten, kPreview };
constexpr std::array<std::string_view, 6> step_names(Step) {
  return {"", "walk", "read", "replay", "written", "preview"};
}

// One variance line as the report shows it. Counted lines compare with the
// on-hand at count time (what posting uses) and show the drift since the snapshot.
json variance_line(const json& row, bool zero_uncounted) {
  int64_t expected = int_or(row, "expected_qty", 0);
  json line = {{"task_id", value_or_null(row, "task_id")}, {"item_id", value_or_null(row, "item_id")}, {"sku", value_or_null(row, "sku")}, {"bin", value_or_null(row, "bin")},
               {"batch_number", value_or_null(row, "batch_number")}, {"serial_number", value_or_null(row, "serial_number")},
               {"kind", value_or_null(row, "kind")}, {"expected_qty", qty_json(expected)}};
  // The same reading of the row as the variance workflow's (blank is not zero).
  auto counted = pipeline::counted_line_from_row(row, zero_uncounted);
  if (!counted) {
    line.update({{"counted_qty", nullptr}, {"status", "not_counted"}, {"variance", nullptr},
                 {"variance_pct", nullptr}, {"variance_value", nullptr}, {"system_qty_at_count", nullptr},
                 {"expected_at_count_qty", nullptr}, {"mirror_as_of", nullptr}});
    return line;
  }
  const json* counted_field = member(row, "counted_qty");
  bool was_counted = counted_field && !counted_field->is_null();
  int64_t at_count = counted->system_at_count;
  VarianceFigures f = variance_figures(at_count, counted->counted, counted->unit_cost_minor);
  line.update({{"counted_qty", qty_json(counted->counted)}, {"status", was_counted ? "counted" : "zeroed"},
               {"system_qty_at_count", qty_json(at_count)}, {"expected_at_count_qty", qty_json(at_count)},
               {"drift_since_snapshot", qty_json(at_count - expected)}, {"mirror_as_of", value_or_null(row, "mirror_as_of")},
               {"variance", qty_json(f.delta)}, {"variance_value", money_text(f.value_minor)},
               {"variance_value_minor", f.value_minor}, {"unit_cost_minor", counted->unit_cost_minor},
               {"entry_count", int_or(row, "entry_count", 0)},
               {"multiple_counts", int_or(row, "entry_count", 0) > 1}});
  if (f.pct) line["variance_pct"] = static_cast<double>(*f.pct) / 1000.0;
  else {
    line["variance_pct"] = nullptr;
    line["variance_pct_note"] = "undefined: nothing was expected";
  }
  return line;
}

Statement postings_of(const Ctx& ctx, const std::string& id) {
  return adjustments_where(ctx.principal.business(), "a.session_id = ?2", id);
}

}  // namespace

// The report walks the session in pages of whole items in sku order (about twice
// COUNT_PAGE_LINES rows a page, a D1 round trip each), so neither the core nor a batch
// holds a whole session: each page adds to the totals and keeps the lines of the
// requested report page. A session of one page is one round trip, session included.
namespace {

// The totals and the requested lines, carried from page to page.
struct ReportTally {
  int64_t lines = 0, counted = 0, not_counted = 0, net = 0, absolute = 0;
  json items = json::array();

  static ReportTally from(const json& state) {
    ReportTally w;
    if (const json* t = member(state, "totals")) {
      w.lines = int_or(*t, "lines", 0);
      w.counted = int_or(*t, "counted", 0);
      w.not_counted = int_or(*t, "not_counted", 0);
      w.net = int_or(*t, "net", 0);
      w.absolute = int_or(*t, "absolute", 0);
    }
    if (const json* items = member(state, "items")) w.items = *items;
    return w;
  }
  json totals() const {
    return {{"lines", lines}, {"counted", counted}, {"not_counted", not_counted}, {"net", net}, {"absolute", absolute}};
  }
};

struct ReportFilter {
  Page page;
  std::optional<int64_t> min_abs;
  std::string task;
};

void add_page(ReportTally& walk, const json& rows, const ReportFilter& filter, bool zero_uncounted) {
  for (const auto& row : rows) {
    if (!filter.task.empty() && string_or(row, "task_id", "") != filter.task) continue;
    json line = variance_line(row, zero_uncounted);
    if (line["status"] == "not_counted") {
      if (filter.min_abs) continue;
      ++walk.not_counted;
    } else {
      int64_t delta = *qty_from_json(line["variance"]);
      if (filter.min_abs && (delta < 0 ? -delta : delta) < *filter.min_abs) continue;
      ++walk.counted;
      int64_t value = int_or(line, "variance_value_minor", 0);
      walk.net += value;
      walk.absolute += value < 0 ? -value : value;
    }
    int64_t at = walk.lines++;
    if (at >= filter.page.offset() && at < filter.page.offset() + filter.page.page_size) walk.items.push_back(std::move(line));
  }
}

// One page of the report's walk: its bounds and its variance lines; the first page's batch
// reads the session and the walk's size first.
struct ReportReads {
  Batch batch;
  std::optional<Read<json>> session, size;
  Read<json> bounds, lines;
  static constexpr size_t kStatementsPerPage = 2;  // bounds, lines
};
ReportReads report_reads(const Ctx& ctx, const std::string& id, const std::string& cursor, int64_t lines, bool first) {
  ReportReads out;
  if (first) {
    out.session = out.batch.add(load_session(ctx, id));
    // The report's pages hold the rows of session_line_pages, counted without the items join.
    out.size = out.batch.add({session_line_pages().count_sql(), json::array({id, ctx.principal.business_id})});
  }
  ItemPages pages = session_report_pages();
  json params = ItemPages::walk_params(id, ctx.principal.business_id, cursor, lines);
  out.bounds = out.batch.add({pages.bounds_sql(), params});
  out.lines = out.batch.add(session_variance_page(pages, params));
  return out;
}

}  // namespace

json session_variance(const Ctx& ctx) {
  std::string id = ctx.param("id");
  std::vector<FieldError> errors;
  ReportFilter filter{.page = parse_page(ctx.query, errors), .task = ctx.query_string("task_id")};
  if (std::string text = ctx.query_string("min_abs_variance"); !text.empty()) {
    auto parsed = parse_json(text);
    filter.min_abs = parsed ? qty_from_json(*parsed) : std::nullopt;
    if (!filter.min_abs || *filter.min_abs < 0) errors.push_back({"query.min_abs_variance", "must be a number ≥ 0"});
  }
  if (!errors.empty()) return unprocessable("invalid filter", errors);
  int64_t page_lines = session_page_rows(settings_of(ctx.settings).page_lines);
  if (ctx.state.is_null()) {
    return ask_d1(report_reads(ctx, id, "", page_lines, true).batch.take(), at_step(Step::kWalk, {{"first", true}}));
  }
  const json& d1 = ctx.first_result();
  bool first = bool_member(ctx.state, "first").value_or(false);
  // The same layout as the batch that ran: the first page's reads, or a later page's.
  auto reads = report_reads(ctx, id, "", page_lines, first);
  json session = ctx.state.value("session", json());
  if (first) {
    if (auto p = session_problem(d1, reads.session->at)) return *p;
    session = rows(d1, *reads.session)[0];
    page_lines = walk_page_lines(page_lines, rows(d1, *reads.size), ReportReads::kStatementsPerPage,
                                 settings_of(ctx.settings).statement_budget);
  } else if (!d1_ok(d1)) {
    return storage_failure(d1_error(d1));
  } else {
    page_lines = int_or(ctx.state, "lines", page_lines);
  }
  ReportTally walk = ReportTally::from(ctx.state);
  add_page(walk, rows(d1, reads.lines), filter, int_or(session, "zero_uncounted", 0) == 1);
  PageBounds bounds = page_bounds_from(rows(d1, reads.bounds));
  if (bounds.more) {
    return ask_d1(report_reads(ctx, id, bounds.page_end, page_lines, false).batch.take(),
                  at_step(Step::kWalk, {{"lines", page_lines}, {"session", session},
                                        {"totals", walk.totals()}, {"items", walk.items}}));
  }
  json body = page_body(std::move(walk.items), filter.page, walk.lines);
  body["session"] = session_json(session);
  body["totals"] = {{"lines", walk.lines}, {"counted", walk.counted}, {"not_counted", walk.not_counted},
                    {"net_value", money_text(walk.net)}, {"absolute_value", money_text(walk.absolute)}};
  return respond_json(200, body);
}

// APPROVED → POSTED. The adjustments themselves were posted when their
// decisions were taken (auto at close, each proposal when approved); posting
// seals the session and answers with every adjustment it made. Idempotent: a
// second post — or a concurrent one that loses the guard — replays them.
json post_session(const Ctx& ctx) {
  std::string id = ctx.param("id");
  auto step = step_of<Step>(ctx.state);
  const json& d1 = ctx.first_result();
  auto answer = [&](int status, const json& rows) {
    return respond_json(status, {{"session_id", id}, {"status", session_status_name(SessionStatus::kPosted)},
                                 {"replayed", status == 200},
                                 {"postings", adjustments_json(rows)}});
  };
  Batch reads;
  auto found = reads.add(load_session(ctx, id));
  auto posted = reads.add(postings_of(ctx, id));
  if (step == Step::kStart) return ask_d1(reads.take(), at_step(Step::kRead));
  Batch replay;
  auto replayed = replay.add(postings_of(ctx, id));
  if (step == Step::kReplay) {
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return answer(200, rows(d1, replayed));
  }
  if (step == Step::kWritten) {
    if (failed_on_guard(d1)) return ask_d1(replay.take(), at_step(Step::kReplay));
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return answer(201, rows(d1, kept(ctx.state, "postings")));
  }
  if (auto p = session_problem(d1, found.at)) return *p;
  const json& session = rows(d1, found)[0];
  const json& postings = rows(d1, posted);
  std::string status = string_or(session, "status", "");
  if (is_status(status, SessionStatus::kPosted)) return answer(200, postings);
  if (!is_status(status, SessionStatus::kApproved)) {
    return conflict("only an APPROVED session can be posted; this one is " + status);
  }
  const std::string& biz = ctx.principal.business_id;
  Batch batch;
  batch.add_all(transition_statements(ctx, session, SessionEvent::kPost, ", posted_at = ?2", json::array()));
  IdMaker ids{ctx.nonce, 0};
  batch.add_all(pipeline::reflexion_inserts(
      biz, ctx.now,
      {{ids.next("rfx"), "posted", "session posted with " + std::to_string(postings.size()) + " adjustment(s)",
        ctx.principal.token_name, "stock_count_session", id, {{"adjustments", postings.size()}}}}));
  json state = at_step(Step::kWritten);
  keep(state, "postings", batch.add(postings_of(ctx, id)));
  return ask_d1(batch.take(), std::move(state));
}

// What the session has posted, or — before anything was — what closing it would
// post: computed by the variance workflow and the posting plan themselves, so
// the preview is what posting writes (auto lines now, review lines once approved).
// The preview walks the session a page of whole items per round trip, as the report does.
namespace {

pipeline::CloseReads preview_page_reads(const Ctx& ctx, const std::string& id, const std::string& cursor,
                                       int64_t lines) {
  return pipeline::close_reads(ctx.principal.business_id, id, session_line_pages().walk(),
                               ItemPages::walk_params(id, ctx.principal.business_id, cursor, lines));
}

void add_preview(json& preview, const json& d1, const pipeline::CloseReads& reads, bool zero_uncounted) {
  for (const auto& item : pipeline::preview_postings(d1, reads, zero_uncounted)) {
    for (const auto& l : item.lines) {
      preview.push_back({{"item_id", l.item_id}, {"sku", l.sku}, {"bin_id", text_or_null(l.bin_id)},
                         {"to_bin_id", text_or_null(l.to_bin_id)},
                         {"batch_number", text_or_null(l.batch_number)}, {"serial_number", text_or_null(l.serial_number)},
                         {"direction", direction_of(l)},
                         {"quantity", qty_json(l.delta > 0 ? l.delta : -l.delta)}, {"decision", item.decision}});
    }
  }
}

json postings_answer(const json& session, const std::string& id, json postings, json preview) {
  bool posted = !postings.empty();
  return respond_json(200, {{"session_id", id}, {"status", value_or_null(session, "status")}, {"posted", posted},
                            {"items", std::move(postings)}, {"preview", std::move(preview)}});
}

}  // namespace

json session_postings(const Ctx& ctx) {
  std::string id = ctx.param("id");
  int64_t page_lines = session_page_rows(settings_of(ctx.settings).page_lines);
  // The session, its postings and its size first; the session's lines only when nothing was posted yet.
  BusinessScope business = ctx.principal.business();
  Batch reads;
  auto found = reads.add(load_session(ctx, id));
  auto posted = reads.add(postings_of(ctx, id));
  auto size = reads.add({session_line_pages(business.sql(2)).count_sql(), json::array({id, business.bound()})});
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (step_of<Step>(ctx.state) == Step::kRead) {
    if (auto p = session_problem(d1, found.at)) return *p;
    const json& session = rows(d1, found)[0];
    json postings = adjustments_json(rows(d1, posted));
    if (!postings.empty()) return postings_answer(session, id, std::move(postings), json::array());
    page_lines = walk_page_lines(page_lines, rows(d1, size), preview_page_reads(ctx, id, "", 1).batch.size(),
                                 settings_of(ctx.settings).statement_budget);
    return ask_d1(preview_page_reads(ctx, id, "", page_lines).batch.take(),
                  at_step(Step::kPreview, {{"lines", page_lines}, {"session", session}, {"preview", json::array()}}));
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  const json& session = ctx.state["session"];
  json preview = ctx.state.value("preview", json::array());
  auto page = preview_page_reads(ctx, id, "", page_lines);
  add_preview(preview, d1, page, int_or(session, "zero_uncounted", 0) == 1);
  if (PageBounds bounds = page_bounds_from(rows(d1, page.bounds)); bounds.more) {
    page_lines = int_or(ctx.state, "lines", page_lines);
    return ask_d1(preview_page_reads(ctx, id, bounds.page_end, page_lines).batch.take(),
                  at_step(Step::kPreview,
                          {{"lines", page_lines}, {"session", session}, {"preview", std::move(preview)}}));
  }
  return postings_answer(session, id, json::array(), std::move(preview));
}

json session_ledger_entries(const Ctx& ctx) {
  Listing listing{.from = "inventory_ledger l JOIN inventory_adjustment a ON a.id = l.ref_id "
                          "AND l.ref_type = 'inventory_adjustment'",
                  .columns = "l.id, l.item_id, l.location_id, l.bin_id, l.batch_number, l.serial_number, "
                             "l.quantity_change, l.reason, l.reason_code, l.ref_type, l.ref_id, l.created_at",
                  .order_by = "l.created_at, l.id",
                  .business_column = "l.business_id",
                  .parent = load_session(ctx, ctx.param("id")),
                  .parent_name = "stock-count session"};
  listing.where("a.session_id = ?", ctx.param("id"));
  return run_listing(ctx, listing, [](json row) {
    row["quantity_change"] = qty_json(int_or(row, "quantity_change", 0));
    return row;
  });
}

}  // namespace core::routes
