// The routing table (router.h): method, path, least role, handler.
#include "router.h"
#include "routes/debug.h"
#include "routes/health.h"
#include "routes/master_data.h"

namespace core {

std::span<const Route> route_table() {
  using namespace routes;
  static const Route kRoutes[] = {
      {"GET", "/health", Role::kPublic, health},
      {"GET", "/__core/trap", Role::kAdmin, debug_trap},
      {"GET", "/api/locations", Role::kScanner, list_locations},
      {"GET", "/api/items", Role::kScanner, list_items},
      {"GET", "/api/balances", Role::kScanner, list_balances},
  };
  return kRoutes;
}

}  // namespace core
