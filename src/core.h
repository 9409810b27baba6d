#pragma once
// The core's one entry point: input JSON text in, output JSON text out
// (turn.h describes both). Pure: no clock, no I/O, no state between calls.
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
HandledParts handle_parts(std::string_view input_text);
std::string_view version();

}  // namespace core
