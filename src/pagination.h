#pragma once
// List paging of API.md: ?page=1&page_size=50 (max 500).
#include <optional>
#include <vector>

#include "problem.h"

namespace core {

// Far past any list's end, and (page − 1) × 500 stays far inside int64.
inline constexpr int64_t kMaxPage = 1'000'000;

struct Page {
  int64_t page = 1;
  int64_t page_size = 50;
  int64_t offset() const { return (page - 1) * page_size; }
};

// Reads page/page_size from the query; bad values are added to `errors`.
Page parse_page(const json& query, std::vector<FieldError>& errors);
json page_body(json items, const Page& page, int64_t total);

// Reads an optional decimal or integer query parameter ("" → nullopt, junk → error).
std::optional<int64_t> query_int(const json& query, std::string_view name, std::vector<FieldError>& errors);

}  // namespace core
