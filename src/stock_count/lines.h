#pragma once
// What a count is about: stock lines (item × bin × batch/serial) at a location,
// the scope rules that select them, the tasks that split them, and the
// snapshot that fixes their expected quantity.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "json_access.h"

namespace core::stock_count {

// One placement row of inventory_detail, with the item's attributes.
struct StockLine {
  std::string item_id, sku, category, brand, tracking;
  std::string bin_id, bin_code, zone_code;  // empty when not placed in a bin
  std::string batch_number, serial_number;
  int64_t quantity = 0;                      // thousandths
};

// One inventory_balance row with the sum of its detail rows.
struct BalanceLine {
  std::string item_id, sku, category, brand, tracking;
  int64_t quantityonhand = 0;
  int64_t detail_sum = 0;
  bool has_detail = false;
};

struct ScopeRule {
  std::string kind;   // category | brand | product | zone | bin | all
  std::string value;  // empty for all
};

bool is_scope_kind(std::string_view kind);
bool scope_needs_value(std::string_view kind);
// True when any rule selects the line (a product rule matches item id or sku).
bool in_scope(const std::vector<ScopeRule>& rules, const StockLine& line);

struct TaskPlan {
  std::string name, strategy, zone_code, bin_code, category, assignee;
  bool matches(const StockLine& line) const;  // the lines this task counts
};

enum class TaskStrategyError { kNone, kUnknownStrategy, kNoCategoryScope, kNoAssignees, kNothingInScope };

struct TaskGeneration {
  std::vector<TaskPlan> tasks;
  TaskStrategyError error = TaskStrategyError::kNone;
};

// Where the stock in scope lies, all by_zone_bin needs of it: the (zone, bin)
// places, and whether any lies outside a bin. A location is read a page at a
// time, so the places gather page by page (and travel between turns as JSON).
struct StockPlaces {
  std::set<std::pair<std::string, std::string>> bins;
  bool unbinned = false;

  void add(const StockLine& line);
  bool empty() const { return bins.empty() && !unbinned; }
  json to_json() const;
  static StockPlaces from_json(const json& value);
};

// assignees: names, or rules { "name", "zone"?, "category"? } for by_assignee.
TaskGeneration generate_tasks(std::string_view strategy, const std::vector<ScopeRule>& rules,
                              const StockPlaces& places_in_scope, const json& assignees);
TaskGeneration generate_tasks(std::string_view strategy, const std::vector<ScopeRule>& rules,
                              const std::vector<StockLine>& lines_in_scope, const json& assignees);

struct SnapshotLine {
  StockLine line;
  std::string kind;  // tracked | residual | untracked
  int task_index = -1;
};

// Tracked stock from detail rows with batch/serial; untracked from detail rows
// without, or from balances with no detail rows; residual = balance − detail
// sum when positive. Lines are deduplicated even when scopes overlap.
std::vector<SnapshotLine> build_snapshot(const std::vector<ScopeRule>& rules, const std::vector<StockLine>& details,
                                         const std::vector<BalanceLine>& balances, const std::vector<TaskPlan>& tasks);

// Rows of D1 → domain lines.
std::vector<StockLine> stock_lines_from_rows(const json& rows);
std::vector<BalanceLine> balance_lines_from_rows(const json& rows);
std::vector<ScopeRule> scope_rules_from_rows(const json& rows);

}  // namespace core::stock_count
