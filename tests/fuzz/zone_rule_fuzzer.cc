// libFuzzer: an admin's zone pattern (src/import/zone_rule.h) and a bin code, both hostile: the
// bytes up to the first newline are the pattern, the rest the code (≤ 100 bytes, as stored).
// A pattern either is refused with a reason or names, for any code, a zone that is part of the
// code — never a crash, never an empty zone for a code that has text, in bounded time.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "import/zone_rule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view pattern = input.substr(0, newline);
  std::string_view code = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  if (code.size() > 100) code = code.substr(0, 100);
  std::string error;
  auto rule = core::import::ZoneRule::parse(pattern, error);
  if (!rule) {
    if (error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  std::string zone = rule->zone_of(code);
  if (!code.empty() && zone.empty()) std::abort();
  if (code.find(zone) == std::string_view::npos) std::abort();  // the zone is text of the code
  return 0;
}
