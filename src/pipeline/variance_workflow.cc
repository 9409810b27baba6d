#include "pipeline/variance_workflow.h"

#include <map>

#include "quantity.h"
#include "stock_count/variance.h"

namespace core::pipeline {

std::optional<CountedLine> counted_line_from_row(const json& row, bool zero_uncounted) {
  const json* counted_field = member(row, "counted_qty");
  bool counted = counted_field && !counted_field->is_null();
  if (!counted && !zero_uncounted) return std::nullopt;
  CountedLine line{.item_id = string_or(row, "item_id", ""), .sku = string_or(row, "sku", ""),
                   .ns_item_id = string_or(row, "ns_item_id", ""), .bin_id = string_or(row, "bin_id", ""),
                   .batch_number = string_or(row, "batch_number", ""),
                   .serial_number = string_or(row, "serial_number", "")};
  line.expected_snapshot = int_or(row, "expected_qty", 0);
  line.expected_at_count = counted ? int_or(row, "system_qty_at_count", line.expected_snapshot) : line.expected_snapshot;
  line.counted = counted ? int_or(row, "counted_qty", 0) : 0;
  line.unit_cost_minor = int_or(row, "avg_cost_minor", 0);
  return line;
}

std::vector<ItemVariance> item_variances(const std::vector<CountedLine>& lines, const Guardrail& guardrail) {
  std::vector<ItemVariance> out;
  std::map<std::string, size_t> index;
  for (const auto& l : lines) {
    auto [it, fresh] = index.try_emplace(l.item_id, out.size());
    if (fresh) out.push_back({.item_id = l.item_id, .sku = l.sku, .unit_cost_minor = l.unit_cost_minor});
    ItemVariance& v = out[it->second];
    v.expected_snapshot += l.expected_snapshot;
    v.expected_at_count += l.expected_at_count;
    v.counted += l.counted;
    if (int64_t delta = l.counted - l.expected_at_count; delta != 0) {
      v.lines.push_back({l.item_id, l.bin_id, l.batch_number, l.serial_number, delta, l.unit_cost_minor, l.sku,
                         l.ns_item_id});
    }
  }
  for (auto& v : out) {
    auto figures = stock_count::variance_figures(v.expected_at_count, v.counted, v.unit_cost_minor);
    v.delta = figures.delta;
    v.pct_milli = figures.pct;
    v.value_minor = figures.value_minor;
    v.classification = classify_delta(v.expected_at_count, v.delta, v.value_minor, guardrail);
    // Lines that only moved stock between bins of the item net to zero: nothing to post.
    if (v.classification.decision == Decision::kConfirmed) v.lines.clear();
  }
  return out;
}

Guardrail guardrail_from_row(const json* row) {
  Guardrail g;
  if (row == nullptr || !row->is_object()) return g;
  g.auto_pct_milli = int_or(*row, "inventory_auto_pct", 0);
  if (const json* cap = member(*row, "inventory_auto_value"); cap && cap->is_number_integer()) {
    g.auto_value_minor = as_int(*cap);
  }
  return g;
}

json variance_numbers(const ItemVariance& v, const Guardrail& g) {
  return {{"expected_qty", qty_json(v.expected_at_count)},
          {"expected_snapshot_qty", qty_json(v.expected_snapshot)},
          {"counted_qty", qty_json(v.counted)},
          {"delta", qty_json(v.delta)},
          {"pct", v.pct_milli ? json(static_cast<double>(*v.pct_milli) / 1000.0) : json()},
          {"value", money_text(v.value_minor)},
          {"guardrail_pct", static_cast<double>(g.auto_pct_milli) / 1000.0},
          {"guardrail_value_cap", g.auto_value_minor ? json(money_text(*g.auto_value_minor)) : json()}};
}

}  // namespace core::pipeline
