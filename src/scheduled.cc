#include "scheduled.h"

#include "iso_week.h"
#include "problem.h"
#include "turn.h"

namespace core {

// Records the tick keyed by ISO week: a second tick in the same week only
// counts itself. The weekly pipeline builds its per-location work on this key.
json scheduled_turn(const json& input) {
  // The controller's scheduled time, not the wall clock: a late tick still belongs to its week.
  std::string fired_at = string_or(input, "scheduled_time", string_or(input, "now", ""));
  auto week = iso_week_of(fired_at);
  if (!week) return {{"done", {{"error", "cron tick without a valid time"}}}};
  const json* turn = member(input, "turn");
  if (turn == nullptr) {
    return ask_d1({{"INSERT INTO cron_ticks (week_key, cron, first_fired_at, last_fired_at, ticks) "
                    "VALUES (?1, ?2, ?3, ?3, 1) ON CONFLICT (week_key) DO UPDATE SET "
                    "last_fired_at = excluded.last_fired_at, ticks = cron_ticks.ticks + 1",
                    json::array({week_key(*week), string_or(input, "cron", ""), fired_at})}},
                  {{"phase", "ticked"}});
  }
  const json* results = member(*turn, "results");
  bool ok = results && results->is_array() && !results->empty() && d1_ok((*results)[0]);
  return {{"done", {{"week", week_key(*week)}, {"ok", ok}}}};
}

}  // namespace core
