// The ABI between a host and the core (worker/core_abi.js, which the Worker and
// the dashboard's what-if both use):
//   ptr = core_alloc(len); write input bytes; res = core_handle(ptr, len);
//   read core_result_len(res) bytes at core_result_ptr(res) (the output JSON) and, when its
//   "respond" says "body_follows", core_result_body_len(res) bytes at core_result_body_ptr(res);
//   core_result_free(res); core_free(ptr).
// core_handle_body(ptr, len, body_ptr, body_len) is core_handle with the HTTP request's body
// as raw bytes beside the input (left out of it), so the body is never escaped into JSON.
// A result owns its bytes, so calls never share a buffer.
#include <cstdlib>
#include <cstring>
#include <string>

#include "core.h"

namespace {
struct Result {
  char* bytes;
  size_t length;
  char* body;  // the answer's body, apart from the output (core.h handle_parts)
  size_t body_length;
};

char* copy_of(const std::string& text) {
  auto* bytes = static_cast<char*>(std::malloc(text.empty() ? 1 : text.size()));
  std::memcpy(bytes, text.data(), text.size());
  return bytes;
}
}  // namespace

#define CORE_EXPORT(name) extern "C" __attribute__((used, visibility("default"), export_name(#name)))

CORE_EXPORT(core_alloc) void* core_alloc(size_t length) { return std::malloc(length == 0 ? 1 : length); }
CORE_EXPORT(core_free) void core_free(void* ptr) { std::free(ptr); }

namespace {
Result* result_of(core::HandledParts parts) {
  auto* result = static_cast<Result*>(std::malloc(sizeof(Result)));
  result->length = parts.output.size();
  result->bytes = copy_of(parts.output);
  result->body_length = parts.body.size();
  result->body = copy_of(parts.body);
  return result;
}
}  // namespace

CORE_EXPORT(core_handle) Result* core_handle(const char* input, size_t length) {
  return result_of(core::handle_parts(std::string_view(input, length)));
}

CORE_EXPORT(core_handle_body) Result* core_handle_body(const char* input, size_t length, const char* body,
                                                       size_t body_length) {
  return result_of(core::handle_parts(std::string_view(input, length), std::string_view(body, body_length)));
}

CORE_EXPORT(core_result_ptr) const char* core_result_ptr(const Result* r) { return r->bytes; }
CORE_EXPORT(core_result_len) size_t core_result_len(const Result* r) { return r->length; }
CORE_EXPORT(core_result_body_ptr) const char* core_result_body_ptr(const Result* r) { return r->body; }
CORE_EXPORT(core_result_body_len) size_t core_result_body_len(const Result* r) { return r->body_length; }
CORE_EXPORT(core_result_free) void core_result_free(Result* r) {
  std::free(r->bytes);
  std::free(r->body);
  std::free(r);
}
