#pragma once
// UTC instants as the shell hands them over ("2026-11-22T10:15:00.000Z") and
// as milliseconds since the epoch, for leases, backoff and JWT times.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

// "YYYY-MM-DDTHH:MM:SS[.fff]Z" → ms since 1970-01-01T00:00:00Z; nullopt otherwise.
std::optional<int64_t> epoch_ms_of(std::string_view iso);
// ms since the epoch → "YYYY-MM-DDTHH:MM:SS.fffZ" (sorts as text like the instants it names).
std::string iso_of_epoch_ms(int64_t ms);

// An RFC 3339 date-time ("2026-11-22T10:15:30+01:00", "…Z", fraction optional) as
// the UTC instant this module writes ("2026-11-22T09:15:30.000Z"); nullopt otherwise.
std::optional<std::string> utc_instant_of_rfc3339(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t year, int64_t month, int64_t day);

}  // namespace core
