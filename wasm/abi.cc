// The ABI between the shell and the core, the same for the Worker's wasi build
// and the browser's Emscripten build:
//   ptr = core_alloc(len); write input bytes; res = core_handle(ptr, len);
//   read core_result_len(res) bytes at core_result_ptr(res); core_result_free(res); core_free(ptr).
// A result owns its bytes, so calls never share a buffer.
#include <cstdlib>
#include <cstring>
#include <string>

#include "core.h"

namespace {
struct Result {
  char* bytes;
  size_t length;
};
}  // namespace

#define CORE_EXPORT(name) extern "C" __attribute__((used, visibility("default"), export_name(#name)))

CORE_EXPORT(core_alloc) void* core_alloc(size_t length) { return std::malloc(length == 0 ? 1 : length); }
CORE_EXPORT(core_free) void core_free(void* ptr) { std::free(ptr); }

CORE_EXPORT(core_handle) Result* core_handle(const char* input, size_t length) {
  std::string output = core::handle(std::string_view(input, length));
  auto* result = static_cast<Result*>(std::malloc(sizeof(Result)));
  result->length = output.size();
  result->bytes = static_cast<char*>(std::malloc(output.size() == 0 ? 1 : output.size()));
  std::memcpy(result->bytes, output.data(), output.size());
  return result;
}

CORE_EXPORT(core_result_ptr) const char* core_result_ptr(const Result* r) { return r->bytes; }
CORE_EXPORT(core_result_len) size_t core_result_len(const Result* r) { return r->length; }
CORE_EXPORT(core_result_free) void core_result_free(Result* r) {
  std::free(r->bytes);
  std::free(r);
}
