#include "pagination.h"

#include <charconv>

namespace core {

std::optional<int64_t> query_int(const json& query, std::string_view name, std::vector<FieldError>& errors) {
  std::string text = string_or(query, name, "");
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    errors.push_back({"query." + std::string(name), "must be an integer"});
    return std::nullopt;
  }
  return value;
}

Page parse_page(const json& query, std::vector<FieldError>& errors) {
  Page page;
  if (auto p = query_int(query, "page", errors)) {
    if (*p < 1 || *p > kMaxPage) errors.push_back({"query.page", "must be between 1 and " + std::to_string(kMaxPage)});
    else page.page = *p;
  }
  if (auto s = query_int(query, "page_size", errors)) {
    if (*s < 1 || *s > 500) errors.push_back({"query.page_size", "must be between 1 and 500"});
    else page.page_size = *s;
  }
  return page;
}

json page_body(json items, const Page& page, int64_t total) {
  return {{"items", std::move(items)}, {"page", page.page}, {"page_size", page.page_size}, {"total", total}};
}

}  // namespace core
