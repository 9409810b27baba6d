#include "routes/audit.h"

#include "queries/listing.h"
#include "pagination.h"
#include "problem.h"
#include "query.h"
#include "routes/queries/audit.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead };
constexpr std::array<std::string_view, 2> step_names(Step) { return {"", "read"}; }
json parsed_or_raw(const std::string& text) {
  auto parsed = parse_json(text);
  return parsed ? *parsed : json(text);
}
}  // namespace

// ?type=inventory.adjusted&after=<seq>&limit=100 → events with seq > after, oldest first.
// A consumer stores next_after and asks again; has_more says whether to ask at once.
json events_feed(const Ctx& ctx) {
  std::vector<FieldError> errors;
  int64_t after = query_int(ctx.query, "after", errors).value_or(0);
  int64_t limit = query_int(ctx.query, "limit", errors).value_or(100);
  if (after < 0) errors.push_back({"query.after", "must be 0 or more"});
  if (limit < 1 || limit > 500) errors.push_back({"query.limit", "must be between 1 and 500"});
  if (!errors.empty()) return unprocessable("invalid cursor", errors);
  std::string type = ctx.query_string("type");
  Batch reads;
  // One more than asked: whether there is more.
  auto events = reads.add(events_after(ctx.principal.business(), after, type, limit + 1));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  json items = json::array();
  int64_t next = after;
  const json& found = rows(d1, events);
  for (size_t i = 0; i < found.size() && static_cast<int64_t>(i) < limit; ++i) {
    json row = found[i];
    row["payload"] = parsed_or_raw(string_or(row, "payload", "{}"));
    next = int_or(row, "seq", next);
    items.push_back(std::move(row));
  }
  return respond_json(200, {{"items", items}, {"next_after", next},
                            {"has_more", static_cast<int64_t>(found.size()) > limit}});
}

json list_reflexion_log(const Ctx& ctx) {
  Listing listing = reflexion_listing(ctx.query_string("session_id"));
  listing.filter_equal(ctx, "tag", "r.tag");
  listing.filter_equal(ctx, "ref_type", "r.ref_type");
  listing.filter_equal(ctx, "ref_id", "r.ref_id");
  return run_listing(ctx, listing, [](json row) {
    row["numbers"] = parsed_or_raw(string_or(row, "numbers", "{}"));
    return row;
  });
}

}  // namespace core::routes
