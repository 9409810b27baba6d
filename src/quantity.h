#pragma once
// Fixed-scale numbers (DESIGN.md "Rules that keep it right", fixed scale): quantities are
// integer thousandths, money is integer minor units. No float is ever summed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json_access.h"

namespace core {

inline constexpr int64_t kQtyScale = 1000;

// A JSON number with at most 3 decimals → thousandths; nullopt otherwise.
std::optional<int64_t> qty_from_json(const json& value);
// Thousandths → a JSON number that prints with at most 3 decimals.
json qty_json(int64_t thousandths);
// A money amount in currency units — a JSON number or a decimal string such as
// "500.00", at most 2 decimals — → minor units; nullopt otherwise.
std::optional<int64_t> money_from_json(const json& value);
// Decimal text as a person writes it in a file ("12", "12.5", "0.125"): no sign, no exponent, at
// most `decimals` decimals and 13 whole digits → the value × 10^decimals; nullopt otherwise.
std::optional<int64_t> scaled_from_text(std::string_view text, int decimals);
// Minor units → "12.34".
std::string money_text(int64_t minor);
// qty (thousandths) × unit cost (minor) → minor units, rounded half away from zero,
// saturating at the int64 range (a value never wraps to the other sign).
int64_t value_minor(int64_t qty_thousandths, int64_t unit_cost_minor);
// A 128-bit intermediate clamped into int64.
int64_t saturate_int64(__int128 value);

}  // namespace core
