#include "routes/variance_report.h"

#include <cctype>

#include "iso_week.h"
#include "queries/listing.h"
#include "pipeline/guardrail.h"
#include "pipeline/queries/variance_report.h"
#include "pagination.h"
#include "problem.h"
#include "quantity.h"
#include "queries/business_settings.h"
#include "reason_codes.h"
#include "stock_count/variance.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRows };
constexpr std::array<std::string_view, 2> step_names(Step) { return {"", "rows"}; }

constexpr size_t kCsvLimit = 100000;

// ?sort=<column> or -<column> (descending); the default is the newest first.
struct SortKey {
  const char* name;
  const char* sql;
};
constexpr SortKey kSortKeys[] = {
    {"created_at", "v.created_at"}, {"sku", "i.sku"},       {"item_name", "i.name"},     {"location", "l.code"},
    {"zone", "z.code"},             {"expected_qty", "v.expected_qty"}, {"system_qty_at_count", "v.system_qty_at_count"},
    {"counted_qty", "v.counted_qty"},
    {"delta", "v.delta"},           {"abs_delta", "v.abs_delta"}, {"pct", "v.pct"},     {"value", "v.value_minor"},
    {"abs_value", "ABS(v.value_minor)"}, {"decision", "v.decision"}, {"status", "v.status"}};

std::optional<std::string> order_by(const std::string& sort) {
  if (sort.empty()) return "v.created_at DESC, l.code, i.sku";
  bool descending = sort[0] == '-';
  std::string_view name = descending ? std::string_view(sort).substr(1) : std::string_view(sort);
  for (const auto& key : kSortKeys) {
    if (name == key.name) return std::string(key.sql) + (descending ? " DESC" : " ASC") + ", v.id";
  }
  return std::nullopt;
}

std::string sort_names() {
  std::string out;
  for (const auto& key : kSortKeys) out += std::string(out.empty() ? "" : ", ") + key.name;
  return out;
}

// A report row: quantities as numbers, pct in percent, value as a decimal string.
json report_row(json row) {
  for (const char* q : {"system_qty_at_count", "counted_qty", "delta", "abs_delta", "moved_qty"}) {
    row[q] = qty_json(int_or(row, q, 0));
  }
  for (const char* q : {"expected_qty", "expected_snapshot_qty"}) {  // no snapshot line: null
    const json* v = member(row, q);
    row[q] = v && v->is_number_integer() ? qty_json(as_int(*v)) : json();
  }
  const json* pct = member(row, "pct");
  row["pct"] = pct && pct->is_number_integer() ? json(static_cast<double>(as_int(*pct)) / 1000.0) : json();
  row["value"] = money_text(int_or(row, "value_minor", 0));
  row["moved_value"] = money_text(int_or(row, "moved_value_minor", 0));
  row.erase("moved_value_minor");
  return row;
}

bool decimal_text(const std::string& text) {
  size_t i = text[0] == '-' ? 1 : 0, digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++digits;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {}
  }
  return digits > 0 && i == text.size();
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab / CR) as a formula:
// such text (an item name, a sku) is prefixed with ' ; numbers and amounts stay numbers.
std::string csv_field(const json& value) {
  std::string text = value.is_string() ? as_string(value) : value.is_null() ? "" : value.dump();
  if (value.is_string() && !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos &&
      !decimal_text(text)) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

json csv_answer(const json& rows) {
  static const char* kCsvColumns[] = {"session_id", "week_key", "location_code", "zone", "sku", "item_name",
                                      "category", "expected_qty", "system_qty_at_count", "expected_snapshot_qty", "counted_qty", "delta",
                                      "pct", "value", "moved_qty", "moved_value", "decision", "status",
                                      "created_at"};
  std::string out;
  for (const char* c : kCsvColumns) out += std::string(out.empty() ? "" : ",") + c;
  out += "\r\n";
  for (const auto& raw : rows) {
    json row = report_row(raw);
    bool first = true;
    for (const char* c : kCsvColumns) {
      if (!first) out += ',';
      first = false;
      out += csv_field(row[c]);
    }
    out += "\r\n";
  }
  json answer = respond_text(200, "text/csv; charset=utf-8", std::move(out));
  answer["respond"]["headers"] = {{"content-disposition", "attachment; filename=\"variances.csv\""}};
  return answer;
}

// Filters of API.md; every bad one is reported.
std::optional<json> add_filters(const Ctx& ctx, Listing& listing) {
  std::vector<FieldError> errors;
  listing.filter_equal(ctx, "location_id", "v.location_id");
  listing.filter_equal(ctx, "session_id", "v.session_id");
  listing.filter_equal(ctx, "item_id", "v.item_id");
  if (std::string zone = ctx.query_string("zone"); !zone.empty()) {
    // The cron session's zone, or a manual session's zone scope; by code or id.
    pipeline::where_zone(listing, zone);
  }
  if (std::string decision = ctx.query_string("decision"); !decision.empty()) {
    if (!status_from<pipeline::Decision>(decision)) {
      errors.push_back({"query.decision", "must be auto, review or confirmed"});
    }
    listing.where("v.decision = ?", decision);
  }
  if (std::string status = ctx.query_string("status"); !status.empty()) listing.where("v.status = ?", status);
  if (std::string text = ctx.query_string("min_abs_pct"); !text.empty()) {
    auto parsed = parse_json(text);
    auto pct = parsed ? qty_from_json(*parsed) : std::nullopt;
    if (!pct || *pct < 0) errors.push_back({"query.min_abs_pct", "must be a number ≥ 0"});
    // An item found where none was expected has no percentage: it passes any minimum.
    else listing.where("((v.pct IS NULL AND v.delta <> 0) OR ABS(v.pct) >= ?)", *pct);
  }
  for (const char* bound : {"from", "to"}) {
    std::string text = ctx.query_string(bound);
    if (text.empty()) continue;
    if (!iso_week_of(text)) {
      errors.push_back({std::string("query.") + bound, "must be a date (YYYY-MM-DD) or an ISO-8601 time"});
      continue;
    }
    // "to" includes the whole of a date given without a time.
    if (std::string_view(bound) == "from") listing.where("v.created_at >= ?", text);
    else pipeline::where_created_until(listing, text);
  }
  if (std::string format = ctx.query_string("format"); !format.empty() && format != "json" && format != "csv") {
    errors.push_back({"query.format", "must be json or csv"});
  }
  if (!errors.empty()) return unprocessable("invalid filter", errors);
  return std::nullopt;
}

}  // namespace

json variance_report(const Ctx& ctx) {
  std::vector<FieldError> errors;
  Page page = parse_page(ctx.query, errors);
  if (!errors.empty()) return unprocessable("invalid paging", errors);
  auto order = order_by(ctx.query_string("sort"));
  if (!order) errors.push_back({"query.sort", "must be one of " + sort_names() + ", optionally prefixed with -"});
  if (!errors.empty()) return unprocessable("invalid sort", errors);
  Listing listing = pipeline::report_listing(*order);
  if (auto p = add_filters(ctx, listing)) return *p;
  bool csv = ctx.query_string("format") == "csv";

  json params = json::array();
  std::string where = listing.where_sql(ctx, params);
  auto reads = pipeline::report_reads(listing, where, params, csv ? static_cast<int64_t>(kCsvLimit) : page.page_size,
                                      csv ? 0 : page.offset());
  if (ctx.state.is_null()) return ask_d1(reads.batch.take(), at_step(Step::kRows));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (csv) return csv_answer(rows(d1, reads.rows));
  const json& totals = rows(d1, reads.totals);
  const json& t = totals.empty() ? json::object() : totals[0];
  int64_t lines = int_or(t, "lines", 0);
  // Item accuracy: the share of counted lines within tolerance (not sent to review).
  int64_t within = int_or(t, "auto", 0) + int_or(t, "confirmed", 0);
  json items = json::array();
  for (const auto& row : rows(d1, reads.rows)) items.push_back(report_row(row));
  json body = page_body(std::move(items), page, lines);
  body["totals"] = {{"lines", lines},
                    {"net_value", money_text(int_or(t, "net_minor", 0))},
                    {"absolute_value", money_text(int_or(t, "absolute_minor", 0))},
                    {"net_value_minor", int_or(t, "net_minor", 0)},
                    {"absolute_value_minor", int_or(t, "absolute_minor", 0)},
                    {"auto", int_or(t, "auto", 0)},
                    {"review", int_or(t, "review", 0)},
                    {"confirmed", int_or(t, "confirmed", 0)},
                    {"pending_review", int_or(t, "pending", 0)},
                    {"accuracy_pct", lines == 0 ? json() : json(static_cast<double>(stock_count::percent_milli(within, lines)) / 1000.0)}};
  return respond_json(200, body);
}

json variance_summary(const Ctx& ctx) {
  std::string group = ctx.query_string("group_by");
  auto key = pipeline::summary_key(group);
  if (!key) return unprocessable("invalid grouping", {{"query.group_by", "must be week or zone"}});
  Listing listing = pipeline::report_listing("");
  if (auto p = add_filters(ctx, listing)) return *p;
  json params = json::array();
  std::string where = listing.where_sql(ctx, params);
  Batch reads;
  auto by_key = reads.add(pipeline::summary_by(*key, where, params));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRows));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  json items = json::array();
  for (const auto& r : rows(d1, by_key)) {
    int64_t lines = int_or(r, "lines", 0), within = int_or(r, "within", 0);
    items.push_back({{"key", value_or_null(r, "key")},
                     {"lines", lines},
                     {"within_tolerance", within},
                     {"review", int_or(r, "review", 0)},
                     {"auto", int_or(r, "auto", 0)},
                     {"accuracy_pct", lines == 0 ? json() : json(static_cast<double>(stock_count::percent_milli(within, lines)) / 1000.0)},
                     {"net_value", money_text(int_or(r, "net_minor", 0))},
                     {"absolute_value", money_text(int_or(r, "absolute_minor", 0))},
                     {"net_value_minor", int_or(r, "net_minor", 0)},
                     {"absolute_value_minor", int_or(r, "absolute_minor", 0)}});
  }
  return respond_json(200, {{"group_by", group}, {"items", std::move(items)}});
}

// GET /inventory/variances/by-reason: the decided variances' value by week and reason code, under
// the report's filters; each code with its label from the business's list.
json variance_by_reason(const Ctx& ctx) {
  Listing listing = pipeline::report_listing("");
  if (auto p = add_filters(ctx, listing)) return *p;
  json params = json::array();
  std::string where = listing.where_sql(ctx, params);
  Batch reads;
  auto by_reason = reads.add(pipeline::reason_summary(where, params));
  auto settings = reads.add(queries::business_settings_row(ctx.principal.business()));
  if (ctx.state.is_null()) return ask_d1(reads.take(), at_step(Step::kRows));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  auto codes = reason_codes_of_settings(rows(d1, settings));
  json items = json::array();
  for (const auto& r : rows(d1, by_reason)) {
    const json* code = member(r, "reason_code");
    items.push_back({{"week", value_or_null(r, "week")},
                     {"reason_code", code && code->is_string() ? *code : json()},
                     {"label", reason_label(codes, code && code->is_string() ? code->get<std::string>() : "")},
                     {"lines", int_or(r, "lines", 0)},
                     {"net_value", money_text(int_or(r, "net_minor", 0))},
                     {"absolute_value", money_text(int_or(r, "absolute_minor", 0))},
                     {"absolute_value_minor", int_or(r, "absolute_minor", 0)}});
  }
  return respond_json(200, {{"items", std::move(items)}});
}

}  // namespace core::routes
