#pragma once
// Blind counting at the API (DESIGN.md "Rules that keep it right"): a counter who knows the
// figure counts to it. For a scanner token of a business with blind_counts on (the default;
// business_settings, PUT /api/settings), every answer leaves out the fields below wherever they
// appear — expected, system, variance and value figures — and says so in its X-Figures header;
// the lines, items, bins, lots, serials and the counter's own counts stay. docs/openapi.yaml
// lists the same names (x-blind-fields), and the contract test holds both roles to it.
#include <array>
#include <string_view>

#include "json_access.h"

namespace core {

inline constexpr std::array<std::string_view, 25> kBlindFields = {
    "quantity",          "quantity_change",       "expected_qty",   "expected_snapshot_qty", "system_qty_at_count",
    "expected_at_count_qty", "drift_since_snapshot", "variance",     "variance_pct",          "variance_pct_note",
    "variance_value",    "variance_value_minor",  "value_minor",    "unit_cost_minor",       "avg_cost",
    "avg_cost_minor",    "quantityonhand",        "quantityavailable", "reserved",           "over_committed",
    "delta",             "moved_qty",             "moved_value_minor", "totals",
    "trigger_reason"};  // a stock check's why: "on-hand is -3"

// Removes every blind field from `body`, at any depth; true when one was there.
bool withhold_figures(json& body);

// A response (turn.h respond) as a blind counter gets it: JSON bodies without the blind fields
// and with the header X-Figures: withheld. Answers made by respond_json while BlindAnswers is in
// force are so already (no parse); this is for any other, and for a replayed answer's header.
void withhold_from_response(json& respond);

// While one lives, respond_json leaves out the figures (the handler of a blind counter runs).
class BlindAnswers {
 public:
  explicit BlindAnswers(bool on);
  ~BlindAnswers();
  BlindAnswers(const BlindAnswers&) = delete;
  BlindAnswers& operator=(const BlindAnswers&) = delete;

 private:
  bool before_;
};
bool blind_answers();

}  // namespace core
