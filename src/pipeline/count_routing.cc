#include "pipeline/count_routing.h"

#include <algorithm>

namespace core::pipeline {

namespace {

bool covers(const ActiveSession& s, const stock_count::StockLine& line) {
  return stock_count::in_scope(s.rules, line) || s.snapshot_items.count(line.item_id) > 0;
}

void check_scope(const ActiveSession& s, const std::vector<CountRow>& rows, CountRouting& out) {
  for (const auto& row : rows) {
    std::string at = "counts[" + std::to_string(row.index) + "]";
    if (!row.line.bin_code.empty() || !row.line.zone_code.empty()) {
      if (!stock_count::in_scope(s.rules, row.line)) {
        std::string where = row.line.bin_code.empty() ? "zone " + row.line.zone_code : "bin " + row.line.bin_code;
        out.scope_errors.push_back({at + (row.line.bin_code.empty() ? ".zone" : ".bin"),
                                    where + " is outside the scope of session " + s.id});
      }
    } else if (!covers(s, row.line)) {
      out.scope_errors.push_back({at + ".sku", row.line.sku + " is not in the scope of session " + s.id});
    }
  }
}

}  // namespace

CountRouting route_counts(const std::vector<ActiveSession>& sessions, const std::vector<CountRow>& rows,
                          const std::string& requested) {
  CountRouting out;
  const ActiveSession* chosen = nullptr;
  if (!requested.empty()) {
    for (const auto& s : sessions) {
      if (s.id == requested) chosen = &s;
    }
  } else {
    std::vector<const ActiveSession*> common;
    for (const auto& s : sessions) common.push_back(&s);
    for (const auto& row : rows) {
      std::vector<const ActiveSession*> covering;
      for (const auto& s : sessions) {
        if (covers(s, row.line)) covering.push_back(&s);
      }
      if (covering.empty()) {
        if (std::find(out.uncovered_skus.begin(), out.uncovered_skus.end(), row.line.sku) == out.uncovered_skus.end()) {
          out.uncovered_skus.push_back(row.line.sku);
        }
        continue;
      }
      std::erase_if(common, [&](const ActiveSession* s) {
        return std::find(covering.begin(), covering.end(), s) == covering.end();
      });
    }
    if (!out.uncovered_skus.empty()) return out;
    if (common.empty()) {
      out.conflict = sessions.empty() ? "no count session is ACTIVE at this location"
                                      : "the counts belong to different ACTIVE sessions; send session_id or split them";
      return out;
    }
    chosen = common.front();
  }
  if (chosen == nullptr) {
    out.conflict = "the session is not ACTIVE at this location";
    return out;
  }
  out.session_id = chosen->id;
  check_scope(*chosen, rows, out);
  return out;
}

}  // namespace core::pipeline
