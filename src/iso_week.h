#pragma once
// ISO-8601 week arithmetic for the weekly schedule: the cron keys its work by
// ISO week ("2026-W48"), so a repeated tick in one week changes nothing.
#include <optional>
#include <string>
#include <string_view>

namespace core {

struct IsoWeek {
  int year = 0;  // the ISO week-numbering year (may differ from the calendar year)
  int week = 0;  // 1..53
  bool operator==(const IsoWeek&) const = default;
};

// From "YYYY-MM-DD..." (the time part is ignored); nullopt when not a date.
std::optional<IsoWeek> iso_week_of(std::string_view iso_timestamp);
std::string week_key(const IsoWeek& week);  // "2026-W48"
// Whole weeks from a to b (b later → positive).
int weeks_between(const IsoWeek& a, const IsoWeek& b);

}  // namespace core
