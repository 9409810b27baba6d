#pragma once
// /stock-count/sessions/:id/scopes and task generation: what a session counts
// and how the counting is split. Both change only while the session is DRAFT.
#include "request.h"

namespace core::routes {

json add_scope(const Ctx& ctx);
json list_scopes(const Ctx& ctx);
json delete_scope(const Ctx& ctx);
json generate_tasks(const Ctx& ctx);

}  // namespace core::routes
