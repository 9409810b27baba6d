#include "request.h"

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
