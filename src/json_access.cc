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

bool sax_parse_text(std::string_view text, nlohmann::json_sax<json>& sax) {
  return json::sax_parse(text.begin(), text.end(), &sax);
}

namespace {

// Builds the DOM behind the SAX interface, so the DOM and the core's typed readers
// (stock_count/count_lines.h) share one parser. Every value goes through one put():
// nlohmann's own DOM handler (json_sax_dom_parser) has a copy per value type, and
// json::parse would add a second parser for a filter callback the core never passes.
class DomSax final : public nlohmann::json_sax<json> {
 public:
  explicit DomSax(json& root) : root_(root) {}
  bool null() override { return put(json()); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return put(json(v)); }
  bool string(string_t& v) override { return put(json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // JSON text has none
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // Places a value in the innermost open container (a repeated key: the last one counts).
  json* place(json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      auto& elements = parent.get_ref<json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    json& slot = parent.get_ref<json::object_t&>()[key_];
    slot = std::move(value);
    return &slot;
  }
  bool put(json&& value) {
    place(std::move(value));
    return true;
  }
  // Only the innermost open container grows, so the pointers to the ones around it stay valid.
  bool open(json&& container) {
    open_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> open_;
  std::string key_;
};

}  // namespace

std::optional<json> parse_json(std::string_view text) {
  json parsed;
  DomSax builder(parsed);
  if (!sax_parse_text(text, builder)) return std::nullopt;
  return parsed;
}

}  // namespace core
