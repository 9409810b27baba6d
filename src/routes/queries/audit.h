#pragma once
// The audit trail's statements (routes/audit.cc): the events feed and the reflexion log.
#include <cstdint>
#include <string>

#include "business_scope.h"
#include "queries/listing.h"
#include "turn.h"

namespace core::routes {

// Events after `after` (seq), of `type` ("" any), oldest first, at most `limit`.
Statement events_after(const BusinessScope& business, int64_t after, const std::string& type, int64_t limit);
// The reflexion log, newest first; with a session, the session's own rows and those of its
// variances and proposals.
Listing reflexion_listing(const std::string& session_id);

}  // namespace core::routes
