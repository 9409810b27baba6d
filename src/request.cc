#include "request.h"

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

JsonBody json_body(const Ctx& ctx, bool required) {
  JsonBody out;
  std::string text = string_or(ctx.request, "body", "");
  if (text.empty() && !required) return out;
  auto parsed = parse_json(text);
  if (!parsed) out.problem = bad_request("the request body is not valid JSON");
  else if (!parsed->is_object()) out.problem = unprocessable("the request body must be a JSON object", {{"", "expected an object"}});
  else out.value = std::move(*parsed);
  return out;
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
