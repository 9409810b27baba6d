#pragma once
// Checked reads of untrusted JSON. The core is built with JSON_NOEXCEPTION,
// where any nlohmann throw is abort() and so a wasm trap: every read of
// request data goes through these helpers, which answer "absent" instead.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace core {

using json = nlohmann::json;

// The member `key` of `obj`, or nullptr when obj is not an object or lacks it.
const json* member(const json& obj, std::string_view key);

std::optional<std::string> string_member(const json& obj, std::string_view key);
std::optional<int64_t> int_member(const json& obj, std::string_view key);
std::optional<bool> bool_member(const json& obj, std::string_view key);

std::string string_or(const json& obj, std::string_view key, std::string_view fallback);
// The member `key` when it is a string, viewed in place (valid while obj lives); else "".
std::string_view text_of(const json& obj, std::string_view key);
// obj[key] when present, else null — never the const operator[] on a missing key (undefined behaviour).
json value_or_null(const json& obj, std::string_view key);
int64_t int_or(const json& obj, std::string_view key, int64_t fallback);

// A value already known to be a string / integer, read without throwing.
std::string as_string(const json& value);
int64_t as_int(const json& value);

// Parses text into JSON without aborting; nullopt when it is not JSON.
std::optional<json> parse_json(std::string_view text);
// Runs `sax` over the text, which must hold exactly one JSON value; false when it does not
// (or when `sax` stops). Every parse in the core goes through this one parser.
bool sax_parse_text(std::string_view text, nlohmann::json_sax<json>& sax);

}  // namespace core
