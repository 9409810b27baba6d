#pragma once
// GS1 element strings as a scanner or a camera hands them over (DESIGN.md "Scanning"): the
// text of a GS1-128, GS1 DataMatrix, GS1 QR or GS1 DataBar symbol, with or without its AIM
// symbology identifier (]C1, ]d2, ]Q3, ]e0), FNC1 between variable-length fields as GS (0x1D)
// or a substitute character the business chose; the human-readable form "(01)…(10)…"; and a
// bare EAN-8 / UPC-A / EAN-13 / GTIN-14. The scanner page runs this same code through the
// core's wasm, so a label reads the same in the browser and at the API.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"

namespace core::scan {

inline constexpr char kGroupSeparator = '\x1d';

// One application identifier and its data, at the position (0-based, in the text as given)
// where its AI starts.
struct Gs1Element {
  std::string ai;
  std::string data;
  size_t position = 0;
};

struct Gs1Read {
  std::string gtin;             // 14 digits (AI 01, AI 02, or a bare EAN/UPC padded), "" when none
  bool contained = false;       // the GTIN is AI 02: the trade items inside a logistic unit
  std::string lot, serial;      // AI 10, AI 21
  std::string expiry;           // AI 17 as YYYY-MM-DD (day 00: the month's last day)
  std::optional<int64_t> count; // AI 30 or AI 37, in thousandths (quantity.h)
  std::string net_kg;           // AI 310n as decimal text ("1.250")
  std::vector<Gs1Element> elements;
};

// Why a text is not a label this parser reads: the AI (when there is one) and the position.
struct Gs1Problem {
  std::string ai;
  size_t position = 0;
  std::string why;
  std::string message() const;  // "AI 17 at position 18: …"
};

struct Gs1Result {
  std::optional<Gs1Read> read;
  std::optional<Gs1Problem> problem;
};

// `separator`: the FNC1 substitute besides GS (GS itself is always one); `reference_year`: the
// year the expiry's two-digit year is read against (GS1's sliding century: 49 years ahead, 50 back).
Gs1Result parse_gs1(std::string_view text, char separator, int reference_year);

// The year of an RFC 3339 time ("2026-12-07T…"), for parse_gs1; 2000 when it has none.
int reference_year(std::string_view now);

// The GTIN check digit (mod 10, weights 3,1 from the right) of digits without their last.
bool gtin_check_digit_ok(std::string_view digits);
// A GTIN-8/12/13/14 with a valid check digit → its 14-digit form; nullopt otherwise.
std::optional<std::string> gtin14(std::string_view digits);

// A read as the API and the page show it: { gtin, contained, lot, serial, expiry, count,
// net_kg, elements: [{ ai, data, position }] } (absent parts left out).
json gs1_json(const Gs1Read& read);

}  // namespace core::scan
