#pragma once
// The push queue as the API shows it (routes/pushes.cc): a push with its adjustment's summary,
// the list, and a dead push sent again.
#include <string>

#include "business_scope.h"
#include "queries/listing.h"
#include "turn.h"

namespace core::netsuite {

// One push with its adjustment (direction, reason, location, lines, units, value).
Statement push_row(const BusinessScope& business, const std::string& push_id);
Listing pushes_listing();
// dead → pending with attempts reset and due now; the batch wakes the drainer. Follow it with a
// guard_previous_changed: nothing changes when the push is no longer dead.
Statement push_retry(const std::string& business_id, const std::string& push_id, const std::string& now);

}  // namespace core::netsuite
