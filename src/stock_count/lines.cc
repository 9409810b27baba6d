#include "stock_count/lines.h"

#include <map>
#include <set>
#include <tuple>

namespace core::stock_count {

bool is_scope_kind(std::string_view kind) {
  return kind == "category" || kind == "brand" || kind == "product" || kind == "zone" || kind == "bin" ||
         kind == "all";
}

bool scope_needs_value(std::string_view kind) { return kind != "all"; }

namespace {
bool rule_selects(const ScopeRule& r, const StockLine& l) {
  if (r.kind == "all") return true;
  if (r.kind == "category") return l.category == r.value;
  if (r.kind == "brand") return l.brand == r.value;
  if (r.kind == "product") return l.item_id == r.value || l.sku == r.value;
  if (r.kind == "zone") return !l.zone_code.empty() && l.zone_code == r.value;
  if (r.kind == "bin") return !l.bin_code.empty() && l.bin_code == r.value;
  return false;
}

StockLine item_level_line(const BalanceLine& b, int64_t quantity) {
  StockLine l;
  l.item_id = b.item_id;
  l.sku = b.sku;
  l.category = b.category;
  l.brand = b.brand;
  l.tracking = b.tracking;
  l.quantity = quantity;
  return l;
}
}  // namespace

bool in_scope(const std::vector<ScopeRule>& rules, const StockLine& line) {
  for (const auto& r : rules) {
    if (rule_selects(r, line)) return true;
  }
  return false;
}

bool TaskPlan::matches(const StockLine& l) const {
  if (!zone_code.empty() && l.zone_code != zone_code) return false;
  if (!bin_code.empty() && l.bin_code != bin_code) return false;
  if (!category.empty() && l.category != category) return false;
  if (strategy == "by_zone_bin" && zone_code.empty() && !l.bin_code.empty()) return false;  // the unbinned task
  return true;
}

void StockPlaces::add(const StockLine& l) {
  if (l.bin_code.empty()) unbinned = true;
  else bins.insert({l.zone_code, l.bin_code});
}

json StockPlaces::to_json() const {
  json out = json::array();
  for (const auto& [zone, bin] : bins) out.push_back(json::array({zone, bin}));
  return {{"bins", std::move(out)}, {"unbinned", unbinned}};
}

StockPlaces StockPlaces::from_json(const json& value) {
  StockPlaces p;
  if (const json* bins = member(value, "bins"); bins && bins->is_array()) {
    for (const auto& b : *bins) {
      if (b.is_array() && b.size() == 2 && b[0].is_string() && b[1].is_string()) p.bins.insert({as_string(b[0]), as_string(b[1])});
    }
  }
  if (const json* u = member(value, "unbinned")) p.unbinned = u->is_boolean() && u->get<bool>();
  return p;
}

TaskGeneration generate_tasks(std::string_view strategy, const std::vector<ScopeRule>& rules,
                              const std::vector<StockLine>& lines, const json& assignees) {
  StockPlaces places;
  for (const auto& l : lines) places.add(l);
  return generate_tasks(strategy, rules, places, assignees);
}

TaskGeneration generate_tasks(std::string_view strategy, const std::vector<ScopeRule>& rules,
                              const StockPlaces& places, const json& assignees) {
  TaskGeneration out;
  std::vector<std::string> names;
  if (assignees.is_array()) {
    for (const auto& a : assignees) {
      if (a.is_string()) names.push_back(as_string(a));
      else names.push_back(string_or(a, "name", ""));
    }
  }
  if (strategy == "by_zone_bin") {
    if (places.empty()) {
      out.error = TaskStrategyError::kNothingInScope;
      return out;
    }
    size_t i = 0;
    for (const auto& [zone, bin] : places.bins) {
      TaskPlan t{.name = "Zone " + zone + " / bin " + bin, .strategy = "by_zone_bin", .zone_code = zone, .bin_code = bin};
      if (!names.empty()) t.assignee = names[i++ % names.size()];
      out.tasks.push_back(std::move(t));
    }
    if (places.unbinned) out.tasks.push_back({.name = "Stock not in a bin", .strategy = "by_zone_bin"});
  } else if (strategy == "by_category") {
    size_t i = 0;
    for (const auto& r : rules) {
      if (r.kind != "category") continue;
      TaskPlan t{.name = "Category " + r.value, .strategy = "by_category", .category = r.value};
      if (!names.empty()) t.assignee = names[i++ % names.size()];
      out.tasks.push_back(std::move(t));
    }
    if (out.tasks.empty()) out.error = TaskStrategyError::kNoCategoryScope;
  } else if (strategy == "by_assignee") {
    if (!assignees.is_array() || assignees.empty()) {
      out.error = TaskStrategyError::kNoAssignees;
      return out;
    }
    for (const auto& a : assignees) {
      TaskPlan t{.strategy = "by_assignee"};
      t.assignee = a.is_string() ? as_string(a) : string_or(a, "name", "");
      t.zone_code = string_or(a, "zone", "");
      t.category = string_or(a, "category", "");
      t.name = "Count for " + t.assignee;
      out.tasks.push_back(std::move(t));
    }
  } else {
    out.error = TaskStrategyError::kUnknownStrategy;
  }
  return out;
}

std::vector<SnapshotLine> build_snapshot(const std::vector<ScopeRule>& rules, const std::vector<StockLine>& details,
                                         const std::vector<BalanceLine>& balances, const std::vector<TaskPlan>& tasks) {
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, SnapshotLine> merged;  // one line per item × bin × batch × serial × kind
  auto add = [&](const StockLine& line, std::string kind) {
    Key key{line.item_id, line.bin_id, line.batch_number, line.serial_number, kind};
    auto [it, fresh] = merged.try_emplace(key, SnapshotLine{line, kind});
    if (!fresh) it->second.line.quantity += line.quantity;
  };
  for (const auto& d : details) {
    if (!in_scope(rules, d)) continue;
    add(d, d.batch_number.empty() && d.serial_number.empty() ? "untracked" : "tracked");
  }
  for (const auto& b : balances) {
    StockLine item_line = item_level_line(b, 0);
    if (!in_scope(rules, item_line)) continue;
    if (!b.has_detail) {
      item_line.quantity = b.quantityonhand;
      add(item_line, "untracked");
    } else if (b.quantityonhand > b.detail_sum) {
      item_line.quantity = b.quantityonhand - b.detail_sum;
      add(item_line, "residual");
    }
  }
  std::vector<SnapshotLine> out;
  out.reserve(merged.size());
  for (auto& [key, line] : merged) {
    for (size_t t = 0; t < tasks.size(); ++t) {
      if (tasks[t].matches(line.line)) {
        line.task_index = static_cast<int>(t);
        break;
      }
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<StockLine> stock_lines_from_rows(const json& rows) {
  std::vector<StockLine> out;
  if (!rows.is_array()) return out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({string_or(r, "item_id", ""), string_or(r, "sku", ""), string_or(r, "category", ""),
                   string_or(r, "brand", ""), string_or(r, "tracking", "none"), string_or(r, "bin_id", ""),
                   string_or(r, "bin_code", ""), string_or(r, "zone_code", ""), string_or(r, "batch_number", ""),
                   string_or(r, "serial_number", ""), int_or(r, "quantity", 0)});
  }
  return out;
}

std::vector<BalanceLine> balance_lines_from_rows(const json& rows) {
  std::vector<BalanceLine> out;
  if (!rows.is_array()) return out;
  for (const auto& r : rows) {
    out.push_back({string_or(r, "item_id", ""), string_or(r, "sku", ""), string_or(r, "category", ""),
                   string_or(r, "brand", ""), string_or(r, "tracking", "none"), int_or(r, "quantityonhand", 0),
                   int_or(r, "detail_sum", 0), int_or(r, "detail_rows", 0) > 0});
  }
  return out;
}

std::vector<ScopeRule> scope_rules_from_rows(const json& rows) {
  std::vector<ScopeRule> out;
  if (!rows.is_array()) return out;
  for (const auto& r : rows) out.push_back({string_or(r, "kind", ""), string_or(r, "value", "")});
  return out;
}

}  // namespace core::stock_count
