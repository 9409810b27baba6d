#include "pipeline/variance_workflow.h"

#include <map>

#include "pipeline/bin_moves.h"
#include "quantity.h"
#include "stock_count/variance.h"

namespace core::pipeline {

std::optional<CountedLine> counted_line_from_row(const json& row, bool zero_uncounted) {
  const json* counted_field = member(row, "counted_qty");
  bool counted = counted_field && !counted_field->is_null();
  if (!counted && !zero_uncounted) return std::nullopt;
  CountedLine line{.item_id = string_or(row, "item_id", ""), .sku = string_or(row, "sku", ""),
                   .ns_item_id = string_or(row, "ns_item_id", ""), .bin_id = string_or(row, "bin_id", ""),
                   .bin_code = string_or(row, "bin", ""),
                   .batch_number = string_or(row, "batch_number", ""),
                   .serial_number = string_or(row, "serial_number", "")};
  line.expected_snapshot = int_or(row, "expected_qty", 0);
  line.system_at_count = counted ? int_or(row, "system_qty_at_count", line.expected_snapshot) : line.expected_snapshot;
  line.counted = counted ? int_or(row, "counted_qty", 0) : 0;
  line.unit_cost_minor = int_or(row, "avg_cost_minor", 0);
  if (auto overtaken = parse_json(string_or(row, "overtaken_by", "")); overtaken && overtaken->is_array() &&
                                                                          overtaken->size() == 2) {
    line.overtaken_by_session = (*overtaken)[0].is_string() ? (*overtaken)[0].get<std::string>() : "";
    line.overtaken_at = (*overtaken)[1].is_string() ? (*overtaken)[1].get<std::string>() : "";
  }
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
    v.system_at_count += l.system_at_count;
    v.counted += l.counted;
    if (int64_t delta = l.counted - l.system_at_count; delta != 0) {
      v.lines.push_back({.item_id = l.item_id, .bin_id = l.bin_id, .batch_number = l.batch_number,
                         .serial_number = l.serial_number, .delta = delta, .unit_cost_minor = l.unit_cost_minor,
                         .sku = l.sku, .ns_item_id = l.ns_item_id, .bin_code = l.bin_code});
    }
    if (!l.overtaken_by_session.empty() && l.overtaken_at > v.overtaken_at) {
      v.overtaken_by_session = l.overtaken_by_session;
      v.overtaken_at = l.overtaken_at;
      v.overtaken_bin = l.bin_code;
    }
  }
  for (auto& v : out) {
    auto figures = stock_count::variance_figures(v.system_at_count, v.counted, v.unit_cost_minor);
    v.delta = figures.delta;
    v.pct_milli = figures.pct;
    v.value_minor = figures.value_minor;
    SplitLines split = split_moves(v.lines);
    std::string moved;
    for (size_t i = 0; i < split.moves.size(); ++i) {
      const auto& m = split.moves[i];
      v.moved_qty += m.delta;
      v.moved_value_minor = saturate_int64(static_cast<__int128>(v.moved_value_minor) + value_minor(m.delta, m.unit_cost_minor));
      if (i < 3) moved += (i ? ", " : "") + qty_json(m.delta).dump() + " " + m.bin_code + " → " + m.to_bin_code;
    }
    if (split.moves.size() > 3) moved += " and " + std::to_string(split.moves.size() - 3) + " more";
    v.classification = classify_delta(v.system_at_count, v.delta, v.value_minor, guardrail);
    if (!split.moves.empty()) v.classification = combine(v.classification, classify_move(v.moved_value_minor, moved, guardrail));
    v.lines = std::move(split.moves);
    v.lines.insert(v.lines.end(), split.adjustments.begin(), split.adjustments.end());
    if (!v.overtaken_by_session.empty() && v.classification.decision != Decision::kConfirmed) {
      v.classification = {Decision::kReview, outdated_reason(v) + "; " + v.classification.reason};
    }
  }
  return out;
}

std::string outdated_reason(const ItemVariance& v) {
  std::string shelf = v.overtaken_bin.empty() ? "" : " (" + v.overtaken_bin + ")";
  return "outdated: session " + v.overtaken_by_session + "'s count of this shelf" + shelf + " was booked at " +
         v.overtaken_at + ", after this count";
}

json variance_numbers(const ItemVariance& v, const Guardrail& g) {
  return {{"expected_qty", qty_json(v.expected_snapshot)},
          {"system_qty_at_count", qty_json(v.system_at_count)},
          {"counted_qty", qty_json(v.counted)},
          {"delta", qty_json(v.delta)},
          {"pct", v.pct_milli ? json(static_cast<double>(*v.pct_milli) / 1000.0) : json()},
          {"value", money_text(v.value_minor)},
          {"moved_qty", qty_json(v.moved_qty)},
          {"moved_value", money_text(v.moved_value_minor)},
          {"guardrail_pct", static_cast<double>(g.auto_pct_milli) / 1000.0},
          {"guardrail_value_cap", g.auto_value_minor ? json(money_text(*g.auto_value_minor)) : json()}};
}

}  // namespace core::pipeline
