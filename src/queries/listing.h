#pragma once
// A paginated, tenant-filtered list query (API.md "Lists"): one D1 batch with
// the total and the page, then each row shaped by the route.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "request.h"
#include "turn.h"

namespace core {

struct Listing {
  std::string from;             // "table alias [JOIN ...]"
  std::string columns;
  std::string order_by;
  std::string business_column;  // always filtered by the token's business
  // When set, the list belongs to this parent row: no row → 404 (another tenant's parent included).
  std::optional<Statement> parent = std::nullopt;
  std::string parent_name = {};
  std::vector<std::string> conditions = {};
  json params = json::array();

  void where(std::string condition, json param);
  // Adds "column = ?" when the query string has `name`.
  void filter_equal(const Ctx& ctx, std::string_view name, std::string_view column);
  // " WHERE <business> = ? AND <conditions>", its parameters appended to `params_out`.
  std::string where_sql(const Ctx& ctx, json& params_out) const;
};

using RowShaper = std::function<json(json)>;

json run_listing(const Ctx& ctx, Listing listing, const RowShaper& shape);

}  // namespace core
