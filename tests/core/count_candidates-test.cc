// Counts triggered by stock (src/pipeline/count_candidates.h): which on-hand cannot be right.
#include <gtest/gtest.h>

#include "pipeline/count_candidates.h"

namespace core::pipeline {
namespace {

TEST(CountCandidates, NegativeOrZeroWithStockPlacedIsACandidateAndSaysWhy) {
  struct Case { int64_t on_hand; std::vector<Placement> placed; const char* why; };
  for (const Case& c : std::vector<Case>{
           {-3000, {}, "on-hand is -3"},
           {-500, {{"A-01-01", 2000}}, "on-hand is -0.5"},
           {0, {{"A-01-02", 5000}}, "on-hand is 0 while A-01-02 lists 5"},
           {0, {{"", 1000}}, "on-hand is 0 while the location lists 1"},
           {0, {{"A-01", 1000}, {"A-02", 0}, {"A-03", 2000}}, "on-hand is 0 while A-01 lists 1, A-03 lists 2"},
           {0, {{"B1", 1000}, {"B2", 1000}, {"B3", 1000}, {"B4", 1000}, {"B5", 1000}},
            "on-hand is 0 while B1 lists 1, B2 lists 1, B3 lists 1 and 2 more"},
           {0, {}, nullptr},                      // nothing on hand, nothing placed: right
           {0, {{"A-01-01", 0}}, nullptr},        // an empty placement lists nothing
           {1, {{"A-01-01", 9000}}, nullptr},     // positive on-hand: the calendar counts it
       }) {
    auto why = candidate_why(c.on_hand, c.placed);
    if (c.why == nullptr) EXPECT_FALSE(why) << c.on_hand << ": " << why.value_or("");
    else EXPECT_EQ(why.value_or("(none)"), c.why);
  }
}

TEST(CountCandidates, ARowIsShownWithItsPlacementsOrLeftOut) {
  auto shown = candidate_json({{"location_id", "l1"}, {"location_code", "DC1"}, {"item_id", "i1"}, {"sku", "S1"},
                               {"item_name", "Widget"}, {"on_hand", 0},
                               {"placed", R"([{"bin":"A-01","quantity":2500},{"bin":null,"quantity":500}])"}});
  ASSERT_TRUE(shown);
  EXPECT_EQ((*shown)["why"], "on-hand is 0 while A-01 lists 2.5, the location lists 0.5");
  EXPECT_EQ((*shown)["placed_qty"], 3);
  EXPECT_EQ((*shown)["placed"][1]["bin"], nullptr);
  EXPECT_FALSE(candidate_json({{"on_hand", 0}, {"placed", "[]"}}));
  EXPECT_FALSE(candidate_json({{"on_hand", 0}, {"placed", nullptr}})) << "no placements: json_group_array of none";
}

}  // namespace
}  // namespace core::pipeline
