#pragma once
// GET|PUT /api/netsuite/connection (admin): the business's NetSuite account.
#include "request.h"

namespace core::routes {

json get_netsuite_connection(const Ctx& ctx);
json put_netsuite_connection(const Ctx& ctx);

}  // namespace core::routes
