#include "queries/listing.h"

#include "query.h"

#include "pagination.h"
#include "problem.h"
#include "turn.h"
#include "steps.h"

namespace core {

namespace {

enum class Step { kStart, kRows };
constexpr std::array<std::string_view, 2> step_names(Step) { return {"", "rows"}; }

}  // namespace

void Listing::where(std::string condition, json param) {
  conditions.push_back(std::move(condition));
  params.push_back(std::move(param));
}

void Listing::filter_equal(const Ctx& ctx, std::string_view name, std::string_view column) {
  std::string value = ctx.query_string(name);
  if (!value.empty()) where(std::string(column) + " = ?", value);
}

std::string Listing::where_sql(const Ctx& ctx, json& params_out) const {
  BusinessScope business = ctx.principal.business();
  std::string where = " WHERE " + business_column + " = " + business.sql();
  params_out.push_back(business.bound());
  for (size_t i = 0; i < conditions.size(); ++i) {
    where += " AND " + conditions[i];
    params_out.push_back(params[i]);
  }
  return where;
}

json run_listing(const Ctx& ctx, Listing listing, const RowShaper& shape) {
  std::vector<FieldError> errors;
  Page page = parse_page(ctx.query, errors);
  if (!errors.empty()) return unprocessable("invalid paging", errors);

  // The parent row (when the list has one), the total, and the page.
  json params = json::array();
  std::string where = listing.where_sql(ctx, params);
  json page_params = params;
  page_params.push_back(page.page_size);
  page_params.push_back(page.offset());
  Batch reads;
  std::optional<Read<json>> parent;
  if (listing.parent) parent = reads.add(*listing.parent);
  auto totals_read = reads.add({"SELECT COUNT(*) AS total FROM " + listing.from + where, params});
  auto page_read = reads.add({"SELECT " + listing.columns + " FROM " + listing.from + where + " ORDER BY " +
                                  listing.order_by + " LIMIT ? OFFSET ?",
                              page_params});
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRows));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (parent && rows(d1, *parent).empty()) return not_found(listing.parent_name);
  const json& totals = rows(d1, totals_read);
  int64_t total = totals.empty() ? 0 : int_or(totals[0], "total", 0);
  json items = json::array();
  for (const json& row : rows(d1, page_read)) items.push_back(shape(row));
  return respond_json(200, page_body(std::move(items), page, total));
}

}  // namespace core
