#include "quantity.h"

#include <limits>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace core {

std::optional<int64_t> qty_from_json(const json& value) {
  if (value.is_number_integer()) {
    int64_t whole = as_int(value);
    if (std::llabs(whole) > 9'000'000'000'000LL) return std::nullopt;
    return whole * kQtyScale;
  }
  if (!value.is_number_float()) return std::nullopt;
  double d = *value.get_ptr<const json::number_float_t*>();
  if (!std::isfinite(d) || std::fabs(d) > 9e12) return std::nullopt;
  double scaled = d * kQtyScale;
  double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled))) return std::nullopt;
  return static_cast<int64_t>(rounded);
}

std::optional<int64_t> money_from_json(const json& value) {
  std::optional<int64_t> thousandths;
  if (value.is_string()) {
    auto parsed = parse_json(as_string(value));
    if (parsed && parsed->is_number()) thousandths = qty_from_json(*parsed);
  } else {
    thousandths = qty_from_json(value);
  }
  if (!thousandths || *thousandths % 10 != 0) return std::nullopt;
  return *thousandths / 10;
}

std::optional<int64_t> scaled_from_text(std::string_view text, int decimals) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot), fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 13 || (dot != std::string_view::npos && fraction.empty()) ||
      fraction.size() > static_cast<size_t>(decimals)) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  for (int i = 0; i < decimals; ++i) {
    int digit = 0;
    if (static_cast<size_t>(i) < fraction.size()) {
      char c = fraction[i];
      if (c < '0' || c > '9') return std::nullopt;
      digit = c - '0';
    }
    value = value * 10 + digit;
  }
  return value;
}

json qty_json(int64_t thousandths) {
  if (thousandths % kQtyScale == 0) return thousandths / kQtyScale;
  return static_cast<double>(thousandths) / kQtyScale;
}

std::string money_text(int64_t minor) {
  char buf[32];
  int64_t magnitude = minor < 0 ? -minor : minor;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", minor < 0 ? "-" : "", static_cast<long long>(magnitude / 100),
                static_cast<long long>(magnitude % 100));
  return buf;
}

int64_t saturate_int64(__int128 value) {
  constexpr __int128 kMax = std::numeric_limits<int64_t>::max(), kMin = std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value > kMax ? kMax : value < kMin ? kMin : value);
}

int64_t value_minor(int64_t qty_thousandths, int64_t unit_cost_minor) {
  __int128 product = static_cast<__int128>(qty_thousandths) * unit_cost_minor;
  __int128 half = kQtyScale / 2;
  __int128 rounded = product >= 0 ? (product + half) / kQtyScale : -((-product + half) / kQtyScale);
  return saturate_int64(rounded);
}

}  // namespace core
