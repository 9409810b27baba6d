#include "router.h"

#include <vector>

namespace core {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool match_pattern(std::string_view pattern, const std::vector<std::string_view>& path,
                   std::map<std::string, std::string>& params) {
  auto want = split_path(pattern);
  if (want.size() != path.size()) return false;
  std::map<std::string, std::string> captured;
  for (size_t i = 0; i < want.size(); ++i) {
    if (!want[i].empty() && want[i][0] == ':') {
      captured[std::string(want[i].substr(1))] = std::string(path[i]);
    } else if (want[i] != path[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

RouteMatch match_route(std::span<const Route> table, std::string_view method, std::string_view path) {
  RouteMatch result;
  auto segments = split_path(path);
  for (const Route& route : table) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, segments, params)) continue;
    result.path_exists = true;
    if (route.method == method) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
  }
  return result;
}

json routes_turn() {
  json routes = json::array();
  for (const Route& route : route_table()) {
    routes.push_back({{"method", route.method}, {"path", route.pattern}, {"least_role", role_name(route.least_role)}});
  }
  return {{"done", {{"routes", std::move(routes)}}}};
}

}  // namespace core
