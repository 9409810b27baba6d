#include "pipeline/guardrail.h"

#include <gtest/gtest.h>

#include "pipeline/variance_workflow.h"

namespace core::pipeline {
namespace {

constexpr int64_t kUnit = 1000;  // one unit in quantity thousandths

struct GuardrailCase {
  const char* name;
  int64_t expected;       // on-hand at count time, thousandths
  int64_t delta;          // counted − expected, thousandths
  int64_t value_minor;
  int64_t pct_milli;      // the guardrail
  std::optional<int64_t> cap;
  Decision decision;
};

static const GuardrailCase kCases[] = {
    {.name = "no difference is a confirmation", .expected = 40 * kUnit, .delta = 0, .value_minor = 0,
     .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kConfirmed},
    {.name = "exactly at the threshold is auto", .expected = 40 * kUnit, .delta = -2 * kUnit, .value_minor = -1000,
     .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kAuto},
    {.name = "a thousandth above the threshold is review", .expected = 40 * kUnit, .delta = -2 * kUnit - 1,
     .value_minor = -1000, .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kReview},
    {.name = "a hair above rounds to 5.000% but is still review", .expected = 3'000'000, .delta = 150'001,
     .value_minor = 1, .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kReview},
    {.name = "positive deltas within the threshold are auto", .expected = 100 * kUnit, .delta = 3 * kUnit,
     .value_minor = 300, .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kAuto},
    {.name = "negative deltas are judged by magnitude", .expected = 100 * kUnit, .delta = -6 * kUnit,
     .value_minor = -600, .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kReview},
    {.name = "nothing expected, something found: always review", .expected = 0, .delta = 1 * kUnit,
     .value_minor = 5, .pct_milli = 100000, .cap = std::nullopt, .decision = Decision::kReview},
    {.name = "nothing expected, nothing found: confirmed", .expected = 0, .delta = 0, .value_minor = 0,
     .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kConfirmed},
    {.name = "within pct but above the value cap is review", .expected = 1000 * kUnit, .delta = 10 * kUnit,
     .value_minor = 50001, .pct_milli = 5000, .cap = 50000, .decision = Decision::kReview},
    {.name = "exactly at the value cap is auto", .expected = 1000 * kUnit, .delta = -10 * kUnit,
     .value_minor = -50000, .pct_milli = 5000, .cap = 50000, .decision = Decision::kAuto},
    {.name = "a 0% guardrail sends every difference to review", .expected = 1000 * kUnit, .delta = 1,
     .value_minor = 0, .pct_milli = 0, .cap = std::nullopt, .decision = Decision::kReview},
    {.name = "a 100% guardrail lets a total loss through", .expected = 7 * kUnit, .delta = -7 * kUnit,
     .value_minor = -700, .pct_milli = 100000, .cap = std::nullopt, .decision = Decision::kAuto},
    {.name = "fractional quantities compare exactly", .expected = 2500, .delta = -125, .value_minor = -1,
     .pct_milli = 5000, .cap = std::nullopt, .decision = Decision::kAuto},
};

TEST(Guardrail, ClassifiesEachDeltaAsTheTableSays) {
  for (const auto& c : kCases) {
    Guardrail g{.auto_pct_milli = c.pct_milli, .auto_value_minor = c.cap};
    auto got = classify_delta(c.expected, c.delta, c.value_minor, g);
    EXPECT_EQ(decision_name(got.decision), decision_name(c.decision)) << c.name;
    EXPECT_FALSE(got.reason.empty()) << c.name;
  }
}

TEST(Guardrail, ReasonsNameTheFiguresASupervisorChecks) {
  Guardrail g{.auto_pct_milli = 5000, .auto_value_minor = 50000};
  EXPECT_EQ(classify_delta(40 * kUnit, -3 * kUnit, -300, g).reason, "|-7.5%| is above the 5% guardrail");
  EXPECT_EQ(classify_delta(1000 * kUnit, 20 * kUnit, 60000, g).reason,
            "value 600.00 is above the 500.00 cap (2% is within 5%)");
}

TEST(Guardrail, PercentTextDropsTrailingZeros) {
  EXPECT_EQ(percent_text(5000), "5");
  EXPECT_EQ(percent_text(2500), "2.5");
  EXPECT_EQ(percent_text(125), "0.125");
  EXPECT_EQ(percent_text(-7500), "-7.5");
}

TEST(Guardrail, AMissingGuardrailRowSendsEverythingToReview) {
  Guardrail g = guardrail_from_row(nullptr);
  EXPECT_EQ(g.auto_pct_milli, 0);
  EXPECT_FALSE(g.auto_value_minor.has_value());
  json row = {{"inventory_auto_pct", 2000}, {"inventory_auto_value", nullptr}};
  EXPECT_EQ(guardrail_from_row(&row).auto_pct_milli, 2000);
  EXPECT_FALSE(guardrail_from_row(&row).auto_value_minor.has_value());
}

// The workflow sums an item's counted bins against the on-hand at count time.
TEST(VarianceWorkflow, SumsBinsPerItemAndJudgesAtCountTime) {
  std::vector<CountedLine> lines = {
      {.item_id = "i1", .sku = "A", .bin_id = "b1", .expected_snapshot = 10 * kUnit, .expected_at_count = 12 * kUnit,
       .counted = 12 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i1", .sku = "A", .bin_id = "b2", .expected_snapshot = 30 * kUnit, .expected_at_count = 28 * kUnit,
       .counted = 27 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i2", .sku = "B", .bin_id = "b1", .expected_snapshot = 0, .expected_at_count = 0,
       .counted = 4 * kUnit, .unit_cost_minor = 250},
      {.item_id = "i3", .sku = "C", .bin_id = "b1", .expected_snapshot = 5 * kUnit, .expected_at_count = 5 * kUnit,
       .counted = 4 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i3", .sku = "C", .bin_id = "b2", .expected_snapshot = 5 * kUnit, .expected_at_count = 5 * kUnit,
       .counted = 6 * kUnit, .unit_cost_minor = 100},
  };
  auto out = item_variances(lines, {.auto_pct_milli = 5000});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].item_id, "i1");
  EXPECT_EQ(out[0].expected_at_count, 40 * kUnit);
  EXPECT_EQ(out[0].expected_snapshot, 40 * kUnit);
  EXPECT_EQ(out[0].delta, -1 * kUnit);
  EXPECT_EQ(out[0].pct_milli, -2500);
  EXPECT_EQ(out[0].value_minor, -100);
  EXPECT_EQ(decision_name(out[0].classification.decision), "auto");
  ASSERT_EQ(out[0].lines.size(), 1u);  // only the bin that differs is posted
  EXPECT_EQ(out[0].lines[0].bin_id, "b2");
  EXPECT_EQ(decision_name(out[1].classification.decision), "review");
  EXPECT_FALSE(out[1].pct_milli.has_value());
  EXPECT_EQ(out[1].value_minor, 1000);
  // Stock moved between two bins of one item nets to zero: a confirmation, nothing to post.
  EXPECT_EQ(decision_name(out[2].classification.decision), "confirmed");
  EXPECT_TRUE(out[2].lines.empty());
}

TEST(VarianceWorkflow, BlankIsNotZeroUnlessTheCloseSaysSo) {
  json uncounted = {{"item_id", "i1"}, {"expected_qty", 5000}, {"counted_qty", nullptr}};
  EXPECT_FALSE(counted_line_from_row(uncounted, false).has_value());
  auto zeroed = counted_line_from_row(uncounted, true);
  ASSERT_TRUE(zeroed.has_value());
  EXPECT_EQ(zeroed->counted, 0);
  EXPECT_EQ(zeroed->expected_at_count, 5000);
  json counted = {{"item_id", "i1"}, {"expected_qty", 5000}, {"counted_qty", 4000}, {"system_qty_at_count", 6000}};
  EXPECT_EQ(counted_line_from_row(counted, false)->expected_at_count, 6000);
}

}  // namespace
}  // namespace core::pipeline
