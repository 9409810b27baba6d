// The variance percent as a supervisor reads it: thousandths of a percent,
// rounded half away from zero (never truncated), the sign of the delta kept.
#include <gtest/gtest.h>

#include <cstdint>

#include "stock_count/variance.h"

namespace core::stock_count {
namespace {

struct PctCase {
  int64_t delta, expected, pct_milli;
};

static const PctCase kPctCases[] = {
    {.delta = 2, .expected = 3, .pct_milli = 66'667},       // 66.6666… rounds up, truncation says 66.666
    {.delta = -2, .expected = 3, .pct_milli = -66'667},     // and away from zero below it
    {.delta = 1, .expected = 3, .pct_milli = 33'333},       // 33.3333… rounds down
    {.delta = 1, .expected = 200'000, .pct_milli = 1},      // exactly half a thousandth: up
    {.delta = -1, .expected = 200'000, .pct_milli = -1},    // and down below zero
    {.delta = 1, .expected = 200'001, .pct_milli = 0},      // a hair under half: 0
    {.delta = -1000, .expected = 153'000, .pct_milli = -654},  // −1 of 153: −0.6536 % → −0.654 %
    {.delta = 14'000, .expected = 14'000, .pct_milli = 100'000},
};

TEST(VariancePercent, RoundsHalfAwayFromZeroToAThousandthOfAPercent) {
  for (const auto& c : kPctCases) {
    EXPECT_EQ(percent_milli(c.delta, c.expected), c.pct_milli) << c.delta << " of " << c.expected;
    EXPECT_EQ(variance_figures(c.expected, c.expected + c.delta, 0).pct, c.pct_milli) << c.delta << " of " << c.expected;
  }
}

TEST(VariancePercent, NoneWhenNothingWasExpected) {
  EXPECT_FALSE(variance_figures(0, 5000, 100).pct.has_value());
}

}  // namespace
}  // namespace core::stock_count
