#pragma once
// /stock-count/sessions: create, list, read, and the lifecycle transitions.
#include "request.h"

namespace core::routes {

json create_session(const Ctx& ctx);
json list_sessions(const Ctx& ctx);
json get_session(const Ctx& ctx);
json start_session(const Ctx& ctx);
json close_session(const Ctx& ctx);
json approve_session(const Ctx& ctx);
json reject_session(const Ctx& ctx);
json take_snapshot(const Ctx& ctx);
json list_snapshot_lines(const Ctx& ctx);

}  // namespace core::routes
