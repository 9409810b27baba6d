#include "quantity.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(Quantity, ReadsUpToThreeDecimalsExactly) {
  EXPECT_EQ(qty_from_json(json(37)), 37000);
  EXPECT_EQ(qty_from_json(json(0.1)), 100);
  EXPECT_EQ(qty_from_json(json(37.125)), 37125);
  EXPECT_EQ(qty_from_json(json(-2.5)), -2500);
}

TEST(Quantity, RefusesMoreDecimalsNonNumbersAndHugeValues) {
  EXPECT_FALSE(qty_from_json(json(1.0005)).has_value());
  EXPECT_FALSE(qty_from_json(json("3")).has_value());
  EXPECT_FALSE(qty_from_json(json(nullptr)).has_value());
  EXPECT_FALSE(qty_from_json(json(1e300)).has_value());
}

TEST(Quantity, PrintsWholeNumbersAsIntegers) {
  EXPECT_EQ(qty_json(37000).dump(), "37");
  EXPECT_EQ(qty_json(37125).dump(), "37.125");
  EXPECT_EQ(qty_json(-100).dump(), "-0.1");
}

TEST(Money, FormatsMinorUnitsAsDecimalText) {
  EXPECT_EQ(money_text(1234), "12.34");
  EXPECT_EQ(money_text(-5), "-0.05");
  EXPECT_EQ(money_text(0), "0.00");
}

TEST(Money, ValuesQuantityTimesCostRoundingHalfAwayFromZero) {
  EXPECT_EQ(value_minor(3000, 250), 750);    // 3 × 2.50 = 7.50
  EXPECT_EQ(value_minor(-3000, 250), -750);
  EXPECT_EQ(value_minor(1500, 3), 5);        // 1.5 × 0.03 = 0.045 → 0.05
  EXPECT_EQ(value_minor(-1500, 3), -5);
  EXPECT_EQ(value_minor(1, 1), 0);
}

}  // namespace
}  // namespace core
