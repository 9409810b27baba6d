#include <gtest/gtest.h>

#include "iso_week.h"
#include "pipeline/weekly_plan.h"
#include "pipeline/zone_rotation.h"

namespace core::pipeline {
namespace {

std::vector<RotationSlot> rotation() {
  return {{.zone_id = "za", .zone_code = "A", .position = 1},
          {.zone_id = "zc", .zone_code = "C", .position = 3},
          {.zone_id = "zb", .zone_code = "B", .position = 2, .active = false},
          {.zone_id = "zd", .zone_code = "D", .position = 4}};
}

struct RotationCase {
  const char* last_zone;
  const char* next;
};

static const RotationCase kRotation[] = {
    {.last_zone = "", .next = "A"},     // first week: the first active slot
    {.last_zone = "za", .next = "C"},   // B is inactive: skipped
    {.last_zone = "zc", .next = "D"},
    {.last_zone = "zd", .next = "A"},   // wraps round
    {.last_zone = "zb", .next = "C"},   // last week's zone was since deactivated
    {.last_zone = "zz", .next = "A"},   // last week's zone left the rotation
};

TEST(ZoneRotation, TakesTheNextActiveZoneInPositionOrder) {
  for (const auto& c : kRotation) {
    auto next = next_zone(rotation(), c.last_zone);
    ASSERT_TRUE(next.has_value()) << c.last_zone;
    EXPECT_EQ(next->zone_code, c.next) << "after " << c.last_zone;
  }
}

TEST(ZoneRotation, NoActiveZoneMeansNothingToCount) {
  auto slots = rotation();
  for (auto& s : slots) s.active = false;
  EXPECT_FALSE(next_zone(slots, "za").has_value());
  EXPECT_FALSE(next_zone({}, "").has_value());
}

std::string week_of(const char* timestamp) { return week_key(*iso_week_of(timestamp)); }

TEST(WeeklyPlan, TheFirstTickOpensTheFirstZone) {
  auto plan = plan_location_week(week_of("2026-11-23T06:00:00Z"), {}, rotation());
  EXPECT_TRUE(plan.finalize.empty());
  ASSERT_TRUE(plan.open.has_value());
  EXPECT_EQ(plan.open->zone_code, "A");
}

TEST(WeeklyPlan, ASecondTickInTheSameWeekChangesNothing) {
  std::vector<CronSession> sessions = {{"s1", "2026-W48", "za", "ACTIVE"}};
  auto plan = plan_location_week(week_of("2026-11-23T18:30:00Z"), sessions, rotation());
  EXPECT_TRUE(plan.finalize.empty());
  EXPECT_FALSE(plan.open.has_value());
}

TEST(WeeklyPlan, NextMondayFinalizesLastWeekAndMovesToTheNextZone) {
  std::vector<CronSession> sessions = {{"s1", "2026-W48", "za", "ACTIVE"}};
  auto plan = plan_location_week(week_of("2026-11-30T06:00:00Z"), sessions, rotation());
  EXPECT_EQ(plan.finalize, std::vector<std::string>{"s1"});
  ASSERT_TRUE(plan.open.has_value());
  EXPECT_EQ(plan.open->zone_code, "C");
}

TEST(WeeklyPlan, MissedWeeksCatchUpWithOneSessionNotABurst) {
  std::vector<CronSession> sessions = {{"s0", "2026-W44", "zd", "CLOSED"}, {"s1", "2026-W45", "za", "ACTIVE"}};
  auto plan = plan_location_week(week_of("2026-11-30T06:00:00Z"), sessions, rotation());  // W49: 3 weeks missed
  EXPECT_EQ(plan.finalize, std::vector<std::string>{"s1"});
  ASSERT_TRUE(plan.open.has_value());
  EXPECT_EQ(plan.open->zone_code, "C");
}

TEST(WeeklyPlan, WeeksCompareAcrossTheYearBoundary) {
  // 2027-01-01 is in 2026-W53; the Monday after is 2027-W01.
  std::vector<CronSession> sessions = {{"s1", week_of("2027-01-01T06:00:00Z"), "zc", "ACTIVE"}};
  EXPECT_EQ(sessions[0].week_key, "2026-W53");
  auto plan = plan_location_week(week_of("2027-01-04T06:00:00Z"), sessions, rotation());
  EXPECT_EQ(plan.finalize, std::vector<std::string>{"s1"});
  EXPECT_EQ(plan.open->zone_code, "D");
  // A late tick of the old week after the new week's session exists opens nothing.
  sessions.push_back({"s2", "2027-W01", "zd", "ACTIVE"});
  auto late = plan_location_week("2026-W53", sessions, rotation());
  EXPECT_FALSE(late.open.has_value());
  EXPECT_TRUE(late.finalize.empty());
}

TEST(WeeklyPlan, ClosedOrApprovedSessionsAreNotFinalizedAgain) {
  std::vector<CronSession> sessions = {{"s1", "2026-W47", "za", "CLOSED"}, {"s2", "2026-W46", "zd", "POSTED"}};
  auto plan = plan_location_week("2026-W48", sessions, rotation());
  EXPECT_TRUE(plan.finalize.empty());
  EXPECT_EQ(plan.open->zone_code, "C");
}

}  // namespace
}  // namespace core::pipeline
