// libFuzzer: any bytes as the first turn of a conversation (core.h) — an HTTP
// request, a cron tick or an alarm as the shell could hand them over. The core
// must answer, never crash, hang or read out of bounds. Later turns carry the
// core's own state back unchanged (the shell never edits it), so this target
// drops `turn`; route_body_fuzzer covers later turns with D1-shaped results.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core.h"
#include "json_access.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = core::parse_json(text);
  if (parsed && parsed->is_object() && parsed->contains("turn")) {
    parsed->erase("turn");
    core::handle(parsed->dump(-1, ' ', false, core::json::error_handler_t::replace));
  } else {
    core::handle(text);
  }
  return 0;
}
