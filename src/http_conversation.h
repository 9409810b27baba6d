#pragma once
// One turn of an HTTP conversation: route, authenticate (token → business +
// role), replay idempotent POSTs, then hand the turn to the route's handler.
#include "json_access.h"

namespace core {

json http_turn(const json& input);

}  // namespace core
