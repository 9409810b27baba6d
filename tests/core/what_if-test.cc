// The guardrail editor's what-if: the lines the variance endpoint lists,
// decided per item under a guardrail not saved yet.
#include "pipeline/what_if.h"

#include <gtest/gtest.h>

namespace core::pipeline {
namespace {

json line(const char* item, json expected, json counted, int64_t cost, const char* status = "counted") {
  return {{"item_id", item}, {"status", status}, {"system_qty_at_count", expected}, {"counted_qty", counted},
          {"unit_cost_minor", cost}};
}

json run(json guardrail, json lines) {
  return what_if_turn({{"kind", "what_if"}, {"guardrail", std::move(guardrail)}, {"lines", std::move(lines)}});
}

TEST(WhatIf, DecidesPerItemAcrossBinsAsTheCloseDoes) {
  // Item a: two bins, −1 and +1 → nets to zero, confirmed. Item b: 40 → 38 is 5 %: auto at 5 %.
  // Item c: 10 → 0 is review. Item d: not counted, left out.
  json lines = json::array({line("a", 10, 9, 100), line("a", 10, 11, 100), line("b", 40, 38, 250),
                            line("c", 10, 0, 1000), line("d", 5, nullptr, 100, "not_counted")});
  json out = run({{"inventory_auto_pct", 5}}, lines)["done"];
  EXPECT_EQ(out["items"], 3);
  EXPECT_EQ(out["confirmed"]["items"], 1);
  EXPECT_EQ(out["auto"]["items"], 1);
  EXPECT_EQ(out["auto"]["value"], "5.00");
  // c is 100 % off, beyond the recount threshold (twice 5 %): another counter counts it first.
  EXPECT_EQ(out["recount"]["items"], 1);
  EXPECT_EQ(out["recount"]["value_minor"], 10000);
  EXPECT_EQ(out["review"]["items"], 0);
  EXPECT_EQ(out["decisions"][2]["recount"], "|-100%| is above the 10% recount threshold");

  // Moving the threshold below 5 % sends b to review (5 % is within its doubled 9.998 %); a value
  // cap under 5.00 does too.
  json below = run({{"inventory_auto_pct", 4.999}}, lines)["done"];
  EXPECT_EQ(below["review"]["items"], 1);
  EXPECT_EQ(below["recount"]["items"], 1);
  EXPECT_EQ(run({{"inventory_auto_pct", 5}, {"inventory_auto_value", "4.99"}}, lines)["done"]["review"]["items"], 1);
  EXPECT_EQ(run({{"inventory_auto_pct", 100}}, lines)["done"]["auto"]["items"], 2);
  // A recount threshold of 100 % lets c go straight to a person.
  json no_recount = run({{"inventory_auto_pct", 5}, {"recount_pct", 100}}, lines)["done"];
  EXPECT_EQ(no_recount["recount"]["items"], 0);
  EXPECT_EQ(no_recount["review"]["items"], 1);
}

TEST(WhatIf, RefusesWhatThePutWouldRefuseAndBadLines) {
  json lines = json::array({line("a", 10, 9, 100)});
  json bad_pct = run({{"inventory_auto_pct", 101}}, lines);
  EXPECT_EQ(bad_pct["respond"]["status"], 422);
  EXPECT_NE(bad_pct["respond"]["body"].get<std::string>().find("inventory_auto_pct"), std::string::npos);
  json bad_line = run({{"inventory_auto_pct", 5}}, json::array({line("a", "ten", 9, 100)}));
  EXPECT_EQ(bad_line["respond"]["status"], 422);
  EXPECT_NE(bad_line["respond"]["body"].get<std::string>().find("lines[0].system_qty_at_count"), std::string::npos);
  EXPECT_EQ(run({{"inventory_auto_pct", 5}}, "x")["respond"]["status"], 422);
}

}  // namespace
}  // namespace core::pipeline
