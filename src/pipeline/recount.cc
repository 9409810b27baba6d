#include "pipeline/recount.h"

#include "quantity.h"

namespace core::pipeline {

std::string recount_assignee(const std::string& first_counter, const std::vector<std::string>& counters) {
  for (const auto& name : counters) {
    if (name != first_counter) return name;
  }
  return "";
}

std::vector<RecountAsk> recounts_to_ask(const json& line_rows, const Guardrail& guardrail,
                                        const std::vector<std::string>& counters) {
  std::vector<RecountAsk> out;
  for (const auto& r : line_rows) {
    int64_t counted = int_or(r, "counted", 0), system = int_or(r, "system", 0);
    int64_t delta = counted - system;
    auto why = beyond_recount(system, delta, value_minor(delta, int_or(r, "avg_cost_minor", 0)), guardrail);
    if (!why) continue;
    out.push_back({string_or(r, "item_id", ""), string_or(r, "sku", ""), string_or(r, "bin_id", ""), string_or(r, "bin", ""),
                   string_or(r, "zone", ""), string_or(r, "batch_number", ""), string_or(r, "serial_number", ""), *why,
                   recount_assignee(string_or(r, "counted_by", ""), counters)});
  }
  return out;
}

json proposal_recount(const json& row) {
  if (int_or(row, "recount_asked", 0) == 0) return nullptr;
  json first = qty_json(int_or(row, "recount_first", 0));
  if (int_or(row, "recount_round", 1) > 1) {
    return {{"status", "recounted"}, {"first_count", first}, {"recount", qty_json(int_or(row, "recount_latest", 0))}};
  }
  return {{"status", "not recounted"}, {"first_count", first}};
}

}  // namespace core::pipeline
