#include "iso_week.h"

#include <gtest/gtest.h>

namespace core {
namespace {

struct WeekCase {
  const char* timestamp;
  int year;
  int week;
};

// Year boundaries are where ISO weeks differ from calendar years.
static const WeekCase kWeeks[] = {
    {.timestamp = "2026-11-23T06:00:00Z", .year = 2026, .week = 48},
    {.timestamp = "2026-01-01T00:00:00Z", .year = 2026, .week = 1},   // Thursday
    {.timestamp = "2027-01-01T06:00:00Z", .year = 2026, .week = 53},  // Friday of 2026-W53
    {.timestamp = "2027-01-04T06:00:00Z", .year = 2027, .week = 1},   // first Monday of 2027
    {.timestamp = "2024-12-30T06:00:00Z", .year = 2025, .week = 1},   // Monday belongs to next year
    {.timestamp = "2021-01-03T23:59:59Z", .year = 2020, .week = 53},
    {.timestamp = "2000-02-29", .year = 2000, .week = 9},
};

TEST(IsoWeek, MapsDatesToTheirIsoWeekAcrossYearBoundaries) {
  for (const auto& c : kWeeks) {
    auto week = iso_week_of(c.timestamp);
    ASSERT_TRUE(week.has_value()) << c.timestamp;
    EXPECT_EQ(week->year, c.year) << c.timestamp;
    EXPECT_EQ(week->week, c.week) << c.timestamp;
  }
}

TEST(IsoWeek, RejectsTextThatIsNotADate) {
  for (const char* bad : {"", "2026", "2026-13-01", "yesterday", "2026/11/23"}) {
    EXPECT_FALSE(iso_week_of(bad).has_value()) << bad;
  }
}

TEST(IsoWeek, KeysAreZeroPadded) { EXPECT_EQ(week_key({2026, 5}), "2026-W05"); }

TEST(IsoWeek, CountsWeeksBetweenAcrossAYearWith53Weeks) {
  EXPECT_EQ(weeks_between({2026, 52}, {2027, 1}), 2);  // 2026 has a W53
  EXPECT_EQ(weeks_between({2025, 52}, {2026, 1}), 1);
  EXPECT_EQ(weeks_between({2026, 10}, {2026, 10}), 0);
  EXPECT_EQ(weeks_between({2026, 12}, {2026, 10}), -2);
}

}  // namespace
}  // namespace core
