#pragma once
// Variance and posting of a session: the report, the idempotent post, and
// what the post created (adjustments, ledger rows).
#include "request.h"

namespace core::routes {

json session_variance(const Ctx& ctx);
json post_session(const Ctx& ctx);
json session_postings(const Ctx& ctx);
json session_ledger_entries(const Ctx& ctx);

}  // namespace core::routes
