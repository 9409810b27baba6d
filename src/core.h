#pragma once
// The core's one entry point: input JSON text in, output JSON text out
// (turn.h describes both). Pure: no clock, no I/O, no conversation kept between
// calls (request.cc keeps bodies it read, by their text).
#include <optional>
#include <string>
#include <string_view>

namespace core {

std::string handle(std::string_view input_text);

// The same turn with an answer's body kept apart (wasm/abi.cc): `output` has
// "respond": { …, "body_follows": true } and `body` holds the body's bytes, so
// a large answer is serialised once and never escaped into the output.
struct HandledParts {
  std::string output;
  std::string body;
};
// `request_body`, when given, is the HTTP request's body as raw bytes beside the input
// (which then leaves `request.body` out): it is never escaped into the input text.
HandledParts handle_parts(std::string_view input_text, std::optional<std::string_view> request_body = std::nullopt);
std::string_view version();

}  // namespace core
