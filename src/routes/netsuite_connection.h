#pragma once
// GET|PUT /api/netsuite/connection (admin): the business's NetSuite account;
// POST /api/netsuite/connection/test (admin): sign in with it once and say what worked.
#include "request.h"

namespace core::routes {

json get_netsuite_connection(const Ctx& ctx);
json put_netsuite_connection(const Ctx& ctx);
json test_netsuite_connection(const Ctx& ctx);

}  // namespace core::routes
