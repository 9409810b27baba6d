#include "routes/health.h"

#include "core.h"
#include "netsuite/connection.h"
#include "routes/queries/health.h"
#include "settings.h"
#include "utc_time.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kDb, kProbed };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "db", "probed"}; }

// A location of the week still not opened this long after the tick makes /health degraded.
constexpr int64_t kLateAfterMs = 24 * 3600 * 1000;

// The most recently changed connections are tried on each call; the answer says how many.
constexpr int kConnectionsProbed = 25;
constexpr const char* kProbeData = "cycle-count health check";

json answer(bool db_ok, const std::string& db_error, const json& config, const json& connection_problems) {
  json body = {{"status", db_ok && config.empty() ? "ok" : "degraded"}, {"core_version", version()},
               {"db", db_ok ? "ok" : "error"}};
  if (!db_ok) body["db_error"] = db_error;
  if (!config.empty()) body["config"] = config;
  json out = respond_json(db_ok ? 200 : 503, body);
  // The public answer counts; the log names the businesses and why, for whoever runs the Worker.
  if (!config.empty()) {
    out["log"] = "health degraded: " + config.dump() +
                 (connection_problems.empty() ? "" : " connections: " + connection_problems.dump());
  }
  return out;
}

json config_with(json config, const json& connection_problems, size_t probed_or_listed) {
  if (!connection_problems.empty()) {
    config.push_back({{"setting", "netsuite_connection"},
                      {"problem", std::to_string(connection_problems.size()) + " of " +
                                      std::to_string(probed_or_listed) +
                                      " NetSuite connections cannot sign or reach NetSuite; the log names them"}});
  }
  return config;
}

// The latest week's count, when it needs someone: a location failed, or one still not opened a
// day after the tick. Null when it is well.
json schedule_problem(const json& week_rows, const std::string& now) {
  if (week_rows.empty()) return json();
  const json& w = week_rows[0];
  int64_t failed = int_or(w, "failed", 0), waiting = int_or(w, "waiting", 0);
  std::string week = string_or(w, "week_key", "");
  auto fired = epoch_ms_of(string_or(w, "first_fired_at", "")), at = epoch_ms_of(now);
  bool late = waiting > 0 && fired && at && *at - *fired > kLateAfterMs;
  if (failed == 0 && !late) return json();
  std::string problem;
  if (failed > 0) problem = std::to_string(failed) + " location(s) failed the count of " + week;
  if (late) {
    problem += (problem.empty() ? "" : "; ") + std::to_string(waiting) + " location(s) of " + week +
               " still not opened a day after the tick";
  }
  return {{"setting", "weekly_schedule"}, {"problem", problem + "; GET /api/schedule/runs names them"}};
}

// The NetSuite syncs, when they need someone: a business's latest run failed, or its mirror is
// older than two sync intervals. Null when they are well.
json sync_problem(const json& sync_rows) {
  if (sync_rows.empty()) return json();
  int64_t failed = int_or(sync_rows[0], "failed", 0), stale = int_or(sync_rows[0], "stale", 0);
  if (failed == 0 && stale == 0) return json();
  std::string problem;
  if (failed > 0) problem = std::to_string(failed) + " business(es)' latest NetSuite sync failed";
  if (stale > 0) problem += (problem.empty() ? "" : "; ") + std::to_string(stale) + " mirror(s) older than two sync intervals";
  return {{"setting", "netsuite_sync"}, {"problem", problem + "; GET /api/netsuite/sync says why"}};
}

}  // namespace

// GET /health: D1 answers, the Worker's configuration, and that each stored NetSuite
// connection can sign (its secrets open with NS_SECRETS_KEY, its key signs, nothing its
// auth mode needs is missing) — so a broken deployment shows here, not later inside a push.
json health(const Ctx& ctx) {
  Settings settings = settings_of(ctx.settings);
  json config = json::array();
  bool key_ok = settings.secrets_key_status.empty() || settings.secrets_key_status == "ok";
  if (!key_ok) config.push_back({{"setting", "NS_SECRETS_KEY"}, {"problem", settings.secrets_key_status}});

  auto step = step_of<Step>(ctx.state);
  auto now_ms = epoch_ms_of(ctx.now).value_or(0);
  HealthReads reads = health_reads(kConnectionsProbed, iso_of_epoch_ms(now_ms - 2 * settings.sync_minutes * 60000));
  if (step == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kDb));
  if (step == Step::kDb) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return answer(false, d1_error(d1), config, json::array());
    const json& connections = rows(d1, reads.connections);
    json schedule = schedule_problem(rows(d1, reads.week), ctx.now);
    if (!schedule.is_null()) config.push_back(schedule);
    if (json sync = sync_problem(rows(d1, reads.sync)); !sync.is_null()) {
      config.push_back(sync);
      schedule = schedule.is_null() ? json::array({sync}) : json::array({schedule, sync});
    } else if (!schedule.is_null()) {
      schedule = json::array({schedule});
    }
    json problems = json::array(), probed = json::array(), effects = json::array();
    for (const auto& row : connections) {
      std::string business = string_or(row, "business_id", "");
      auto missing = netsuite::missing_secrets(row);
      if (!missing.empty()) {
        problems.push_back({{"business_id", business}, {"problem", "missing " + json(missing).dump()}});
      } else if (!netsuite::base_url_allowed(string_or(row, "base_url", ""), settings.allow_loopback)) {
        problems.push_back({{"business_id", business}, {"problem", "base_url is not a NetSuite host"}});
      } else if (key_ok) {
        effects.push_back(netsuite::unseal_ids_effect(business, row));
        effects.push_back({{"type", "sign"}, {"business_id", business}, {"alg", netsuite::signing_alg(row)},
                           {"key", netsuite::signing_key(row)}, {"data", kProbeData}, {"encoding", "base64"}});
        probed.push_back(business);
      }
    }
    if (effects.empty()) return answer(true, "", config_with(config, problems, connections.size()), problems);
    return ask(std::move(effects),
               at_step(Step::kProbed, {{"probed", probed}, {"problems", problems}, {"listed", connections.size()},
                                       {"schedule", schedule}}));
  }
  // step "probed": two results per probed connection (unseal, sign).
  if (const json* noted = member(ctx.state, "schedule"); noted && noted->is_array()) {
    for (const auto& c : *noted) config.push_back(c);
  }
  json problems = ctx.state["problems"];
  const json& probed = ctx.state["probed"];
  for (size_t i = 0; i < probed.size(); i++) {
    for (size_t j : {2 * i, 2 * i + 1}) {
      const json& r = ctx.results.is_array() && j < ctx.results.size() ? ctx.results[j] : json();
      if (bool_member(r, "ok").value_or(false)) continue;
      problems.push_back({{"business_id", probed[i]}, {"problem", string_or(r, "error", "the shell did not answer")}});
      break;
    }
  }
  return answer(true, "", config_with(config, problems, static_cast<size_t>(int_or(ctx.state, "listed", 0))), problems);
}

}  // namespace core::routes
