#include "request.h"

#include "kept_reads.h"
#include "problem.h"

namespace core {

std::string Ctx::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string Ctx::query_string(std::string_view name) const { return string_or(query, name, ""); }

const json& Ctx::first_result() const {
  static const json kNull;
  if (!results.is_array() || results.empty()) return kNull;
  return results[0];
}

namespace {

// A control character other than tab, newline or carriage return (NUL included).
bool has_control(std::string_view text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> unstorable_text(std::string_view text) {
  if (text.size() > kMaxTextLength) return "at most " + std::to_string(kMaxTextLength) + " characters";
  if (has_control(text)) return "control characters are not allowed";
  return std::nullopt;
}

json body_not_json() { return bad_request("the request body is not valid JSON"); }
json body_not_object() { return unprocessable("the request body must be a JSON object", {{"", "expected an object"}}); }
json body_text_unstorable(const FieldError& where) { return unprocessable("a text field cannot be stored", {where}); }

namespace {

bool bad_string(const json& value) { return value.is_string() && unstorable_text(value.get_ref<const std::string&>()); }

// Whether any text is too long or carries control characters; walked without recursion
// (bodies may nest deeply) and without naming paths, which only a refusal needs.
bool any_bad_text(const json& body) {
  std::vector<const json*> todo = {&body};
  while (!todo.empty()) {
    const json* value = todo.back();
    todo.pop_back();
    if (bad_string(*value)) return true;
    if (value->is_structured()) {
      for (const auto& child : *value) todo.push_back(&child);
    }
  }
  return false;
}

// The first text that is too long or carries control characters, with its path and why.
std::optional<FieldError> bad_text(const json& body) {
  if (!any_bad_text(body)) return std::nullopt;
  std::vector<std::pair<const json*, std::string>> todo = {{&body, ""}};
  while (!todo.empty()) {
    auto [value, path] = todo.back();
    todo.pop_back();
    if (auto why = value->is_string() ? unstorable_text(value->get_ref<const std::string&>()) : std::nullopt) {
      return FieldError{path, *why};
    }
    if (value->is_object()) {
      for (auto it = value->begin(); it != value->end(); ++it) todo.push_back({&*it, path.empty() ? it.key() : path + "." + it.key()});
    } else if (value->is_array()) {
      for (size_t i = 0; i < value->size(); ++i) todo.push_back({&(*value)[i], path + "[" + std::to_string(i) + "]"});
    }
  }
  return std::nullopt;
}

JsonBody read_body(std::string_view text) {
  JsonBody out;
  auto parsed = parse_json(text);
  if (!parsed) out.problem = body_not_json();
  else if (!parsed->is_object()) out.problem = body_not_object();
  else if (auto error = bad_text(*parsed)) {
    out.problem = body_text_unstorable(*error);
  } else {
    out.value = std::move(*parsed);
  }
  return out;
}

}  // namespace

const JsonBody& json_body(const Ctx& ctx, bool required) {
  static const JsonBody kEmpty;
  static KeptReads<JsonBody, 512 * 1024> kept;
  std::string_view text = text_of(ctx.request, "body");
  if (text.empty() && !required) return kEmpty;
  return kept.get("", text, [](std::string_view t) { return read_body(t); });
}

std::optional<FieldError> text_too_long(const json& body, std::string_view field, size_t max) {
  auto text = string_member(body, field);
  if (!text || text->size() <= max) return std::nullopt;
  return FieldError{std::string(field), "at most " + std::to_string(max) + " characters"};
}

std::string make_id(std::string_view prefix, std::string_view nonce, int serial) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string counter;
  unsigned value = static_cast<unsigned>(serial);
  do {
    counter.insert(counter.begin(), kDigits[value % 36]);
    value /= 36;
  } while (value != 0);
  std::string id(prefix);
  id += '_';
  id += nonce;
  id += counter;
  return id;
}

}  // namespace core
