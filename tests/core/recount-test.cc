// Automatic recount (src/pipeline/guardrail.h beyond_recount, src/pipeline/recount.h): which first
// counts are counted again before a person sees them, by whom, and what the queue says after.
#include <gtest/gtest.h>

#include "pipeline/guardrail.h"
#include "pipeline/recount.h"

namespace core::pipeline {
namespace {

TEST(Recount, TheThresholdIsTwiceTheGuardrailUnlessSetAndIsExact) {
  Guardrail g{5000, 50000};  // 5 %, 500.00: recount above 10 % or 1000.00
  EXPECT_EQ(g.recount_pct_milli(), 10000);
  EXPECT_EQ(g.recount_value_minor(), 100000);
  struct Case { int64_t system, delta, value; bool recount; };
  for (const Case& c : std::vector<Case>{
           {100000, 0, 0, false},              // matches
           {100000, -10000, -1000, false},     // exactly 10 %: not above
           {100000, -10001, -1000, true},      // a hair above
           {100000, 10001, 1000, true},        // over counts too
           {100000, -7000, -100000, false},    // 7 %, value exactly 1000.00
           {100000, -7000, -100001, true},     // value above the doubled cap
           {0, 3000, 300, true},               // nothing expected: a percentage is undefined
           {-2000, 1000, 100, true},           // 50 % of a negative on-hand
       }) {
    EXPECT_EQ(beyond_recount(c.system, c.delta, c.value, g).has_value(), c.recount)
        << c.system << " " << c.delta << " " << c.value;
  }
  EXPECT_EQ(beyond_recount(100000, -20000, -2000, g).value_or(""), "|-20%| is above the 10% recount threshold");
  EXPECT_EQ(beyond_recount(100000, -7000, -150000, g).value_or(""), "value -1500.00 is above the 1000.00 recount threshold");

  Guardrail set{5000, std::nullopt, 25000, std::nullopt};  // set to 25 %, no value cap anywhere
  EXPECT_FALSE(beyond_recount(100000, -25000, -99999999, set)) << "no value threshold without a cap";
  EXPECT_TRUE(beyond_recount(100000, -25001, 0, set));
  Guardrail nothing_auto{};  // 0 %: every difference is recounted first
  EXPECT_TRUE(beyond_recount(100000, 1, 0, nothing_auto));
}

TEST(Recount, ThePutChecksTheThresholdsAgainstTheGuardrail) {
  std::vector<FieldError> errors;
  auto g = guardrail_from_body({{"inventory_auto_pct", 5}, {"inventory_auto_value", "100.00"}, {"recount_pct", 12.5},
                                {"recount_value", "250.00"}}, errors);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->recount_pct_milli(), 12500);
  EXPECT_EQ(g->recount_value_minor(), 25000);
  errors.clear();
  EXPECT_FALSE(guardrail_from_body({{"inventory_auto_pct", 5}, {"inventory_auto_value", "100.00"}, {"recount_pct", 4},
                                    {"recount_value", "99.99"}}, errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "recount_pct");
  EXPECT_EQ(errors[1].path, "recount_value");
  errors.clear();
  auto defaults = guardrail_from_body({{"inventory_auto_pct", 5}, {"recount_pct", nullptr}}, errors);
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->recount_pct_milli(), 10000);
  EXPECT_FALSE(defaults->recount_value_minor());
}

TEST(Recount, AnotherCounterRecountsAndTheQueueSaysWhatHappened) {
  std::vector<std::string> counters{"Ana", "Ben", "Cleo"};
  EXPECT_EQ(recount_assignee("Ana", counters), "Ben");
  EXPECT_EQ(recount_assignee("Ben", counters), "Ana");
  EXPECT_EQ(recount_assignee("Demo admin", counters), "Ana") << "an approver's count goes to a counter";
  EXPECT_EQ(recount_assignee("Ana", {"Ana"}), "") << "nobody else: unassigned";

  Guardrail g{5000, std::nullopt};
  json lines = json::array({
      {{"item_id", "i1"}, {"sku", "S1"}, {"bin", "A-01"}, {"counted", 50000}, {"system", 100000}, {"avg_cost_minor", 100}, {"counted_by", "Ana"}},
      {{"item_id", "i2"}, {"sku", "S2"}, {"bin", "A-02"}, {"counted", 96000}, {"system", 100000}, {"avg_cost_minor", 100}, {"counted_by", "Ana"}},
  });
  auto asks = recounts_to_ask(lines, g, counters);
  ASSERT_EQ(asks.size(), 1u) << "4 % is within 10 %";
  EXPECT_EQ(asks[0].sku, "S1");
  EXPECT_EQ(asks[0].assignee, "Ben");
  EXPECT_EQ(asks[0].why, "|-50%| is above the 10% recount threshold");

  EXPECT_EQ(proposal_recount({{"recount_asked", 0}}), nullptr);
  EXPECT_EQ(proposal_recount({{"recount_asked", 1}, {"recount_first", 50000}, {"recount_round", 2}, {"recount_latest", 52000}}),
            json({{"status", "recounted"}, {"first_count", 50}, {"recount", 52}}));
  EXPECT_EQ(proposal_recount({{"recount_asked", 1}, {"recount_first", 50000}, {"recount_round", 1}, {"recount_latest", 50000}}),
            json({{"status", "not recounted"}, {"first_count", 50}}));
}

}  // namespace
}  // namespace core::pipeline
