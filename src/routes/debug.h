#pragma once
#include "request.h"

namespace core::routes {

// GET /__core/trap: aborts the core on purpose so tests can prove the shell
// recovers from a trap. Exists only when the shell marks the input "debug"
// (the CORE_DEBUG_ROUTES binding, set by the test runtime only).
json debug_trap(const Ctx& ctx);

}  // namespace core::routes
