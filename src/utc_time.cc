#include "utc_time.h"

#include <cstdio>

namespace core {

namespace {

void civil_from_days(int64_t z, int64_t& y, int64_t& m, int64_t& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = yoe + era * 400 + (m <= 2);
}

bool digits(std::string_view s, size_t at, size_t n, int64_t& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<int64_t> epoch_ms_of(std::string_view iso) {
  int64_t y, mo, d, h, mi, s, ms = 0;
  if (!digits(iso, 0, 4, y) || iso.size() < 20 || iso[4] != '-' || !digits(iso, 5, 2, mo) || iso[7] != '-' ||
      !digits(iso, 8, 2, d) || iso[10] != 'T' || !digits(iso, 11, 2, h) || iso[13] != ':' || !digits(iso, 14, 2, mi) ||
      iso[16] != ':' || !digits(iso, 17, 2, s)) {
    return std::nullopt;
  }
  size_t at = 19;
  if (iso[at] == '.') {
    size_t start = ++at;
    int64_t frac = 0;
    while (at < iso.size() && iso[at] >= '0' && iso[at] <= '9') {
      if (at - start < 3) frac = frac * 10 + (iso[at] - '0');
      ++at;
    }
    if (at == start) return std::nullopt;
    for (size_t n = at - start; n < 3; ++n) frac *= 10;
    ms = frac;
  }
  if (at + 1 != iso.size() || iso[at] != 'Z') return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

std::optional<std::string> utc_instant_of_rfc3339(std::string_view text) {
  // Split off the offset, read the rest as a UTC instant, then apply the offset.
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  std::string local(text);
  if (local[10] == 't' || local[10] == ' ') local[10] = 'T';
  int64_t offset_minutes = 0;
  char last = local.back();
  if (last == 'Z' || last == 'z') {
    local.back() = 'Z';
  } else {
    size_t sign_at = local.size() - 6;
    int64_t hh, mm;
    if ((local[sign_at] != '+' && local[sign_at] != '-') || local[sign_at + 3] != ':' ||
        !digits(local, sign_at + 1, 2, hh) || !digits(local, sign_at + 4, 2, mm) || hh > 23 || mm > 59) {
      return std::nullopt;
    }
    offset_minutes = (local[sign_at] == '-' ? -1 : 1) * (hh * 60 + mm);
    local = local.substr(0, sign_at) + "Z";
  }
  auto ms = epoch_ms_of(local);
  if (!ms) return std::nullopt;
  return iso_of_epoch_ms(*ms - offset_minutes * 60000);
}

std::string iso_of_epoch_ms(int64_t ms) {
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rest = ms - days * 86400000;
  int64_t y, m, d;
  civil_from_days(days, y, m, d);
  char out[32];
  std::snprintf(out, sizeof out, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rest / 3600000),
                static_cast<long long>(rest / 60000 % 60), static_cast<long long>(rest / 1000 % 60),
                static_cast<long long>(rest % 1000));
  return out;
}

}  // namespace core
