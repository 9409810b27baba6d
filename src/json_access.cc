#include "json_access.h"

#include <cmath>

namespace core {

const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string as_string(const json& value) {
  if (!value.is_string()) return {};
  return *value.get_ptr<const json::string_t*>();
}

int64_t as_int(const json& value) {
  if (value.is_number_integer()) return value.is_number_unsigned()
      ? static_cast<int64_t>(*value.get_ptr<const json::number_unsigned_t*>())
      : *value.get_ptr<const json::number_integer_t*>();
  if (value.is_number_float()) return static_cast<int64_t>(*value.get_ptr<const json::number_float_t*>());
  return 0;
}

std::optional<std::string> string_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return as_string(*v);
}

std::optional<int64_t> int_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer()) return as_int(*v);
  if (v->is_number_float()) {
    double d = *v->get_ptr<const json::number_float_t*>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> number_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  if (v->is_number_float()) return *v->get_ptr<const json::number_float_t*>();
  return static_cast<double>(as_int(*v));
}

std::optional<bool> bool_member(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  if (v == nullptr || !v->is_boolean()) return std::nullopt;
  return *v->get_ptr<const json::boolean_t*>();
}

std::string string_or(const json& obj, std::string_view key, std::string_view fallback) {
  auto v = string_member(obj, key);
  return v ? *v : std::string(fallback);
}

std::string_view text_of(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  return v && v->is_string() ? std::string_view(v->get_ref<const std::string&>()) : std::string_view();
}

json value_or_null(const json& obj, std::string_view key) {
  const json* v = member(obj, key);
  return v ? *v : json();
}

int64_t int_or(const json& obj, std::string_view key, int64_t fallback) {
  auto v = int_member(obj, key);
  return v ? *v : fallback;
}

// Straight through nlohmann's DOM-building SAX handler: json::parse would also carry a
// parser for its filter callback, which the core never passes (7 KB of core.wasm, 2 KB gzipped).
std::optional<json> parse_json(std::string_view text) {
  json parsed;
  nlohmann::detail::json_sax_dom_parser<json> builder(parsed, /*allow_exceptions_=*/false);
  if (!json::sax_parse(text.begin(), text.end(), &builder)) return std::nullopt;
  return parsed;
}

}  // namespace core
