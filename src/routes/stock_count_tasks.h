#pragma once
// /stock-count/tasks: read, move through the task lifecycle, approve, recount.
#include "request.h"

namespace core::routes {

json list_tasks(const Ctx& ctx);
json get_task(const Ctx& ctx);
json update_task(const Ctx& ctx);
json approve_task(const Ctx& ctx);
json recount_task(const Ctx& ctx);
json task_walk(const Ctx& ctx);
json send_uncounted(const Ctx& ctx);

}  // namespace core::routes
