#include "iso_week.h"

#include <cstdio>

#include "utc_time.h"

namespace core {

namespace {

int weekday_mon0(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }  // 1970-01-01 was a Thursday

// Day number of the Monday of ISO week 1 of `year`.
long week_one_monday(int year) {
  long jan4 = days_from_civil(year, 1, 4);
  return jan4 - weekday_mon0(jan4);
}

bool parse_digits(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<IsoWeek> iso_week_of(std::string_view ts) {
  int y = 0, m = 0, d = 0;
  if (!parse_digits(ts, 0, 4, y) || ts.size() < 10 || ts[4] != '-' || ts[7] != '-' ||
      !parse_digits(ts, 5, 2, m) || !parse_digits(ts, 8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  long day = days_from_civil(y, m, d);
  int year = y + 1;
  while (day < week_one_monday(year)) --year;
  return IsoWeek{year, static_cast<int>((day - week_one_monday(year)) / 7) + 1};
}

std::string week_key(const IsoWeek& w) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
  return buf;
}

int weeks_between(const IsoWeek& a, const IsoWeek& b) {
  long start_a = week_one_monday(a.year) + 7L * (a.week - 1);
  long start_b = week_one_monday(b.year) + 7L * (b.week - 1);
  return static_cast<int>((start_b - start_a) / 7);
}

}  // namespace core
