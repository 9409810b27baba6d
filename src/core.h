#pragma once
// The core's one entry point: input JSON text in, output JSON text out
// (turn.h describes both). Pure: no clock, no I/O, no state between calls.
#include <string>
#include <string_view>

namespace core {

std::string handle(std::string_view input_text);
std::string_view version();

}  // namespace core
