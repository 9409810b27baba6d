#include "request.h"

#include <deque>

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
bool has_control(const std::string& text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  }
  return false;
}

bool bad_string(const json& value) {
  return value.is_string() && (as_string(value).size() > kMaxTextLength || has_control(as_string(value)));
}

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
    if (value->is_string() && as_string(*value).size() > kMaxTextLength) {
      return FieldError{path, "at most " + std::to_string(kMaxTextLength) + " characters"};
    }
    if (value->is_string() && has_control(as_string(*value))) return FieldError{path, "control characters are not allowed"};
    if (value->is_object()) {
      for (auto it = value->begin(); it != value->end(); ++it) todo.push_back({&*it, path.empty() ? it.key() : path + "." + it.key()});
    } else if (value->is_array()) {
      for (size_t i = 0; i < value->size(); ++i) todo.push_back({&(*value)[i], path + "[" + std::to_string(i) + "]"});
    }
  }
  return std::nullopt;
}

JsonBody read_body(const std::string& text) {
  JsonBody out;
  auto parsed = parse_json(text);
  if (!parsed) out.problem = bad_request("the request body is not valid JSON");
  else if (!parsed->is_object()) out.problem = unprocessable("the request body must be a JSON object", {{"", "expected an object"}});
  else if (auto error = bad_text(*parsed)) {
    out.problem = unprocessable("a text field cannot be stored", {*error});
  } else {
    out.value = std::move(*parsed);
  }
  return out;
}

// Bodies read lately, by their text. Every turn of a conversation carries the same
// request, so its later turns (and a handler's first turn run twice by auth_fold.h)
// find the body read: reading is a pure function of the text, so a hit is what a
// read would return. Bounded in entries and in text, so the core's memory stays flat.
struct ReadBody {
  std::string text;
  JsonBody body;
};
constexpr size_t kBodiesKept = 4;
constexpr size_t kLargestBodyKept = 512 * 1024;

}  // namespace

const JsonBody& json_body(const Ctx& ctx, bool required) {
  static const JsonBody kEmpty;
  static const std::string kNoText;
  static std::deque<ReadBody> kept;
  static ReadBody unkept;  // a body too large to keep: valid until the next read
  const json* field = member(ctx.request, "body");
  const std::string& text = field && field->is_string() ? field->get_ref<const std::string&>() : kNoText;
  if (text.empty() && !required) return kEmpty;
  for (const auto& r : kept) {
    if (r.text == text) return r.body;
  }
  if (text.size() > kLargestBodyKept) {
    unkept.body = read_body(text);
    return unkept.body;
  }
  if (kept.size() == kBodiesKept) kept.pop_front();
  kept.push_back({text, read_body(text)});
  return kept.back().body;
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
