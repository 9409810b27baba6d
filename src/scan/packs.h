#pragma once
// Counting in packs (DESIGN.md "Scanning"): an item's units of measure beside its base unit —
// CASE = 12, PALLET = 480 — and a count given in one of them turned into base units with exact
// fixed-scale arithmetic (quantity.h): never a float, never a rounded count.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"

namespace core::scan {

struct Uom {
  std::string code;  // as given, upper case: "CASE"
  int64_t factor;    // base units in one, thousandths
};

// The most units a list holds, and the largest factor (1,000,000 base units).
inline constexpr size_t kMaxUoms = 10;
inline constexpr int64_t kMaxUomFactor = 1'000'000'000;

// "CASE=12;PALLET=480" (a cell of an import) → the list; "" → empty list; nullopt with `why`
// when a part is not CODE=factor, a code repeats, or a factor is not above 0 with ≤ 3 decimals.
std::optional<std::vector<Uom>> uoms_from_text(std::string_view text, std::string& why);
// The stored column (items.uoms: [{ "code", "factor" }], factor in thousandths) → the list;
// anything else → empty.
std::vector<Uom> uoms_of_column(std::string_view stored);
std::string uoms_column(const std::vector<Uom>& uoms);
// As the API shows them: [{ "code": "CASE", "factor": 12 }].
json uoms_json(const std::vector<Uom>& uoms);
// The unit named `code` (case-insensitive) or nullptr.
const Uom* find_uom(const std::vector<Uom>& uoms, std::string_view code);
// A count in a unit (thousandths) → base units (thousandths); nullopt when the product has more
// than 3 decimals or leaves the int64 range.
std::optional<int64_t> base_qty(int64_t uom_qty, int64_t factor);
// "2 × CASE (12)": what a count in a unit reads as.
std::string pack_text(int64_t uom_qty, const Uom& uom);

}  // namespace core::scan
