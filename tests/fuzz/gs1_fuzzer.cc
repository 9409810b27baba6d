// libFuzzer: any bytes as a scanned barcode (src/scan/gs1.h), with GS and a substitute as FNC1.
// A text is either refused with a reason and a position inside it, or read into elements whose
// GTIN carries a valid check digit — and the elements, written again with GS between them,
// read back to the same elements. Never a crash, in bounded time.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scan/gs1.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = core::scan::parse_gs1(text, '~', 2026);
  if (result.problem) {
    if (result.read || result.problem->why.empty() || result.problem->position > text.size()) std::abort();
    return 0;
  }
  if (!result.read || result.read->elements.empty()) std::abort();
  const auto& read = *result.read;
  if (!read.gtin.empty() && (read.gtin.size() != 14 || !core::scan::gtin_check_digit_ok(read.gtin))) std::abort();
  std::string again;
  for (const auto& e : read.elements) again += e.ai + e.data + core::scan::kGroupSeparator;
  auto second = core::scan::parse_gs1("]C1" + again, '\0', 2026);
  if (!second.read || second.read->elements.size() != read.elements.size()) std::abort();
  for (size_t i = 0; i < read.elements.size(); ++i) {
    if (second.read->elements[i].ai != read.elements[i].ai || second.read->elements[i].data != read.elements[i].data) {
      std::abort();
    }
  }
  return 0;
}
