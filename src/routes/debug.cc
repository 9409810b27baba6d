#include "routes/debug.h"

#include <cstdlib>

#include "problem.h"

namespace core::routes {

json debug_trap(const Ctx& ctx) {
  if (!bool_member(ctx.request, "debug").value_or(false)) return not_found("/__core/trap");
  std::abort();
}

}  // namespace core::routes
