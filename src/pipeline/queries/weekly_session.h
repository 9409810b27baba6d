#pragma once
// The session the Monday tick opens at a location: a CYCLE count of one zone,
// created ACTIVE in one batch with its zone scope, its tasks (by zone and bin)
// and its snapshot — so counting can start at once. It reads the zone's stock
// alone, in one statement (a paged start would walk the whole location). The unique index on
// (business, location, week) for cron sessions makes a concurrent second tick
// fail its batch instead of opening a twin.
#include <string>
#include <vector>

#include "request.h"
#include "stock_count/lines.h"
#include "turn.h"

namespace core::pipeline {

struct WeeklyOpening {
  std::string business_id, location_id, location_code;
  std::string zone_id, zone_code;
  std::string week_key;
  std::string now;
};

// The placed stock of the zone (stock_count::StockLine rows).
Statement zone_stock_lines(const WeeklyOpening& opening);

struct OpenedSession {
  std::string session_id;
  size_t snapshot_lines = 0;
  size_t tasks = 0;
  std::vector<Statement> statements;
};

OpenedSession open_weekly_session(const WeeklyOpening& opening, const json& zone_line_rows, IdMaker& ids);

// A CYCLE session opened ACTIVE in one batch: its scopes, its tasks by zone and bin over the
// stock lines the rules select, and its snapshot. The weekly zone's (source cron, its week and
// zone) and a stock trigger's (source manual with its trigger_reason: the API's "trigger").
struct ActiveOpening {
  std::string business_id, location_id, name;
  std::string source = "manual";
  json week_key = nullptr, zone_id = nullptr, trigger_reason = nullptr;
  std::string created_by, now;
  std::vector<stock_count::ScopeRule> rules;
};
OpenedSession open_active_session(const ActiveOpening& opening, const json& line_rows, IdMaker& ids);

}  // namespace core::pipeline
