#pragma once
// The routing table: which handler answers which method and path, and the
// least role it needs. The table itself lives in routes/table.cc.
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "request.h"
#include "role.h"

namespace core {

using Handler = json (*)(const Ctx&);

struct Route {
  std::string_view method;
  std::string_view pattern;  // segments; ":name" captures one segment
  Role least_role;
  Handler handler;
};

std::span<const Route> route_table();

// The table as data, for the tests and the fuzz seeds (core input kind "routes"):
// {"done": {"routes": [{"method", "path", "least_role"}]}}, in table order.
json routes_turn();

struct RouteMatch {
  const Route* route = nullptr;            // null when nothing matched
  bool path_exists = false;                // some route has this path (→ 405, not 404)
  std::map<std::string, std::string> params;
};

RouteMatch match_route(std::span<const Route> table, std::string_view method, std::string_view path);

}  // namespace core
