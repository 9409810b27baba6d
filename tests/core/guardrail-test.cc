#include "pipeline/guardrail.h"

#include <gtest/gtest.h>

#include "pipeline/variance_workflow.h"
#include "pipeline/bin_moves.h"

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
      {.item_id = "i1", .sku = "A", .bin_id = "b1", .expected_snapshot = 10 * kUnit, .system_at_count = 12 * kUnit,
       .counted = 12 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i1", .sku = "A", .bin_id = "b2", .expected_snapshot = 30 * kUnit, .system_at_count = 28 * kUnit,
       .counted = 27 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i2", .sku = "B", .bin_id = "b1", .expected_snapshot = 0, .system_at_count = 0,
       .counted = 4 * kUnit, .unit_cost_minor = 250},
      {.item_id = "i3", .sku = "C", .bin_id = "b1", .expected_snapshot = 5 * kUnit, .system_at_count = 5 * kUnit,
       .counted = 4 * kUnit, .unit_cost_minor = 100},
      {.item_id = "i3", .sku = "C", .bin_id = "b2", .expected_snapshot = 5 * kUnit, .system_at_count = 5 * kUnit,
       .counted = 6 * kUnit, .unit_cost_minor = 100},
  };
  auto out = item_variances(lines, {.auto_pct_milli = 5000});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].item_id, "i1");
  EXPECT_EQ(out[0].system_at_count, 40 * kUnit);
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
  // Stock moved between two bins of one item nets to zero: a move, judged by its value (no cap: auto).
  EXPECT_EQ(decision_name(out[2].classification.decision), "auto");
  EXPECT_EQ(out[2].delta, 0);
  EXPECT_EQ(out[2].moved_qty, 1 * kUnit);
  EXPECT_EQ(out[2].moved_value_minor, 100);
  ASSERT_EQ(out[2].lines.size(), 1u);
  EXPECT_EQ(out[2].lines[0].bin_id, "b1");
  EXPECT_EQ(out[2].lines[0].to_bin_id, "b2");
  EXPECT_EQ(out[2].lines[0].delta, 1 * kUnit);
}

// Stock found in another bin (issue 23, row 2): a move, not a loss plus a gain.
TEST(BinMoves, PairsShortAndOverBinsOfOneLotAndLeavesTheRest) {
  auto line = [](std::string bin, int64_t delta, std::string lot = "") {
    return stock_count::PostingLine{.item_id = "i", .bin_id = bin, .batch_number = lot, .delta = delta * kUnit,
                                    .bin_code = "C-" + bin};
  };
  auto whole = split_moves({line("E", -14), line("A", 14)});
  ASSERT_EQ(whole.moves.size(), 1u);
  EXPECT_EQ(whole.moves[0].bin_id, "E");
  EXPECT_EQ(whole.moves[0].to_bin_id, "A");
  EXPECT_EQ(whole.moves[0].to_bin_code, "C-A");
  EXPECT_EQ(whole.moves[0].delta, 14 * kUnit);
  EXPECT_TRUE(whole.adjustments.empty());

  auto partly = split_moves({line("E", -14), line("A", 10)});
  ASSERT_EQ(partly.moves.size(), 1u);
  EXPECT_EQ(partly.moves[0].delta, 10 * kUnit);
  ASSERT_EQ(partly.adjustments.size(), 1u);
  EXPECT_EQ(partly.adjustments[0].bin_id, "E");
  EXPECT_EQ(partly.adjustments[0].delta, -4 * kUnit);

  auto spread = split_moves({line("A", -3), line("B", -2), line("C", 4)});
  ASSERT_EQ(spread.moves.size(), 2u);
  EXPECT_EQ(spread.moves[0].delta + spread.moves[1].delta, 4 * kUnit);
  ASSERT_EQ(spread.adjustments.size(), 1u);
  EXPECT_EQ(spread.adjustments[0].delta, -1 * kUnit);

  auto other_lot = split_moves({line("A", -2, "L1"), line("B", 2, "L2")});
  EXPECT_TRUE(other_lot.moves.empty()) << "a lot does not turn into another lot by moving";
  EXPECT_EQ(other_lot.adjustments.size(), 2u);

  auto unbinned = split_moves({line("", -2), line("B", 2)});
  EXPECT_TRUE(unbinned.moves.empty()) << "stock outside any bin has nowhere to move from";
}

TEST(BinMoves, AMoveIsJudgedByTheValueMovedAgainstTheCap) {
  std::vector<CountedLine> moved = {
      {.item_id = "i", .sku = "S", .bin_id = "e", .bin_code = "E-01-05", .expected_snapshot = 14 * kUnit,
       .system_at_count = 14 * kUnit, .counted = 0, .unit_cost_minor = 1000},
      {.item_id = "i", .sku = "S", .bin_id = "a", .bin_code = "A-03-04", .expected_snapshot = 0, .system_at_count = 0,
       .counted = 14 * kUnit, .unit_cost_minor = 1000}};
  auto within = item_variances(moved, {.auto_pct_milli = 5000, .auto_value_minor = 14000});
  EXPECT_EQ(decision_name(within[0].classification.decision), "auto") << within[0].classification.reason;
  EXPECT_NE(within[0].classification.reason.find("14 E-01-05 → A-03-04"), std::string::npos)
      << within[0].classification.reason;
  auto above = item_variances(moved, {.auto_pct_milli = 5000, .auto_value_minor = 13999});
  EXPECT_EQ(decision_name(above[0].classification.decision), "review");
  EXPECT_NE(above[0].classification.reason.find("above the 139.99 cap"), std::string::npos);
  auto nothing_automatic = item_variances(moved, {.auto_pct_milli = 0});
  EXPECT_EQ(decision_name(nothing_automatic[0].classification.decision), "review");
  // A move beside a change: the change's percentage and the move's value both have to pass.
  moved[1].counted = 13 * kUnit;
  auto both = item_variances(moved, {.auto_pct_milli = 5000, .auto_value_minor = 14000});
  EXPECT_EQ(decision_name(both[0].classification.decision), "review") << "−1 of 14 is 7.1 %, above 5 %";
  ASSERT_EQ(both[0].lines.size(), 2u);
  EXPECT_EQ(both[0].lines[0].to_bin_id, "a");
  EXPECT_EQ(both[0].lines[1].delta, -1 * kUnit);
  auto plan = stock_count::plan_posting("k", both[0].lines);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].direction, "DECREASE");
  EXPECT_EQ(plan[1].direction, "TRANSFER");
  EXPECT_EQ(plan[1].idempotency_key, "k:TRANSFER");
}

// A count another session's booking overtook (issue 23, row 4) is never automatic.
TEST(VarianceWorkflow, AnOutdatedCountWaitsForAPersonWithTheBookingNamed) {
  json row = {{"item_id", "i"}, {"sku", "S"}, {"bin_id", "b"}, {"bin", "E-01-05"}, {"expected_qty", 153000},
              {"counted_qty", 152000}, {"system_qty_at_count", 153000}, {"avg_cost_minor", 100},
              {"overtaken_by", R"(["ses_2","2026-12-01T10:00:00.000Z"])"}};
  auto line = counted_line_from_row(row, false);
  ASSERT_TRUE(line.has_value());
  auto out = item_variances({*line}, {.auto_pct_milli = 5000});
  EXPECT_EQ(decision_name(out[0].classification.decision), "review");
  EXPECT_EQ(out[0].classification.reason.rfind("outdated: session ses_2's count of this shelf (E-01-05) was booked at "
                                               "2026-12-01T10:00:00.000Z, after this count", 0), 0u)
      << out[0].classification.reason;
  row.erase("overtaken_by");
  EXPECT_EQ(decision_name(item_variances({*counted_line_from_row(row, false)}, {.auto_pct_milli = 5000})[0]
                              .classification.decision), "auto");
}

TEST(VarianceWorkflow, BlankIsNotZeroUnlessTheCloseSaysSo) {
  json uncounted = {{"item_id", "i1"}, {"expected_qty", 5000}, {"counted_qty", nullptr}};
  EXPECT_FALSE(counted_line_from_row(uncounted, false).has_value());
  auto zeroed = counted_line_from_row(uncounted, true);
  ASSERT_TRUE(zeroed.has_value());
  EXPECT_EQ(zeroed->counted, 0);
  EXPECT_EQ(zeroed->system_at_count, 5000);
  json counted = {{"item_id", "i1"}, {"expected_qty", 5000}, {"counted_qty", 4000}, {"system_qty_at_count", 6000}};
  EXPECT_EQ(counted_line_from_row(counted, false)->system_at_count, 6000);
}

}  // namespace
}  // namespace core::pipeline
