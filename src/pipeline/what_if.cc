#include "pipeline/what_if.h"

#include <map>

#include "pipeline/variance_workflow.h"
#include "problem.h"
#include "quantity.h"
#include "stock_count/entry_rows.h"

namespace core::pipeline {

namespace {

// A listed line → the workflow's CountedLine; uncounted lines are left out, as the close leaves them.
std::optional<CountedLine> line_of(const json& row, size_t index, std::vector<FieldError>& errors) {
  std::string at = "lines[" + std::to_string(index) + "]";
  if (!row.is_object()) {
    errors.push_back({at, "must be an object"});
    return std::nullopt;
  }
  std::string status = string_or(row, "status", "");
  if (status == "not_counted") return std::nullopt;
  // system_qty_at_count; expected_at_count_qty is its name before 0.2 (kept one release).
  const json& at_count =
      member(row, "system_qty_at_count") ? row["system_qty_at_count"] : value_or_null(row, "expected_at_count_qty");
  auto expected = qty_from_json(at_count);
  auto counted = qty_from_json(value_or_null(row, "counted_qty"));
  const json* cost = member(row, "unit_cost_minor");
  std::string item = string_or(row, "item_id", "");
  if (item.empty()) errors.push_back({at + ".item_id", "required"});
  if (!expected) errors.push_back({at + ".system_qty_at_count", "must be a quantity"});
  if (!counted || *counted < 0 || *counted > stock_count::kMaxCountedQty) errors.push_back({at + ".counted_qty", "must be a counted quantity"});
  if (!cost || !cost->is_number_integer() || as_int(*cost) < 0) errors.push_back({at + ".unit_cost_minor", "must be an integer ≥ 0"});
  if (item.empty() || !expected || !counted || !cost || !cost->is_number_integer()) return std::nullopt;
  return CountedLine{.item_id = item, .system_at_count = *expected, .counted = *counted, .unit_cost_minor = as_int(*cost)};
}

json bucket(int64_t items, int64_t value_minor) {
  return {{"items", items}, {"value_minor", value_minor}, {"value", money_text(value_minor)}};
}

}  // namespace

json what_if_turn(const json& input) {
  std::vector<FieldError> errors;
  const json* body = member(input, "guardrail");
  auto guardrail = guardrail_from_body(body && body->is_object() ? *body : json::object(), errors);
  const json* rows = member(input, "lines");
  if (!rows || !rows->is_array()) errors.push_back({"lines", "must be an array"});
  else if (rows->size() > stock_count::kMaxEntryRows * 20) errors.push_back({"lines", "too many lines for a preview"});
  std::vector<CountedLine> lines;
  if (rows && rows->is_array()) {
    for (size_t i = 0; i < rows->size() && errors.size() < 20; ++i) {
      if (auto line = line_of((*rows)[i], i, errors)) lines.push_back(std::move(*line));
    }
  }
  if (!errors.empty() || !guardrail) return unprocessable("the preview cannot be computed", errors);

  // auto, recount (a review whose first count is beyond the recount threshold: counted again by
  // another counter before a person sees it), review (straight to a person), confirmed.
  std::map<std::string, std::pair<int64_t, int64_t>> totals;  // items, |value| in minor units
  json decisions = json::array();
  auto variances = item_variances(lines, *guardrail);
  for (const auto& v : variances) {
    std::optional<std::string> recount;
    if (v.classification.decision == Decision::kReview) recount = beyond_recount(v.system_at_count, v.delta, v.value_minor, *guardrail);
    auto& [items, value] = totals[recount ? "recount" : std::string(decision_name(v.classification.decision))];
    items += 1;
    value = saturate_int64(static_cast<__int128>(value) + (v.value_minor < 0 ? -static_cast<__int128>(v.value_minor) : v.value_minor));
    decisions.push_back({{"item_id", v.item_id},
                         {"decision", decision_name(v.classification.decision)},
                         {"reason", v.classification.reason},
                         {"recount", recount ? json(*recount) : json()}});
  }
  auto of = [&](const std::string& d) { return bucket(totals[d].first, totals[d].second); };
  return {{"done",
           {{"items", static_cast<int64_t>(variances.size())},
            {"auto", of("auto")},
            {"recount", of("recount")},
            {"review", of("review")},
            {"confirmed", of("confirmed")},
            {"decisions", std::move(decisions)}}}};
}

}  // namespace core::pipeline
