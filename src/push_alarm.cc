#include "push_alarm.h"

#include "turn.h"

namespace core {

// Reports what the outbox holds so the Durable Object knows whether to re-arm.
json push_alarm_turn(const json& input) {
  const json* turn = member(input, "turn");
  if (turn == nullptr) {
    return ask_d1({{"SELECT status, COUNT(*) AS n FROM ns_pending_pushes GROUP BY status", json::array()}},
                  {{"phase", "counted"}});
  }
  json counts = json::object();
  const json* results = member(*turn, "results");
  if (results && results->is_array() && !results->empty()) {
    for (const json& row : rows_of((*results)[0], 0)) counts[string_or(row, "status", "?")] = int_or(row, "n", 0);
  }
  return {{"done", {{"outbox", counts}}}};
}

}  // namespace core
