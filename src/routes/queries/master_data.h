#pragma once
// The master data's lists (routes/master_data.cc): locations with bins and zones, items,
// balances. The routes add their query-string filters (listing.h filter_equal).
#include <string>

#include "business_scope.h"
#include "queries/listing.h"
#include "turn.h"

namespace core::routes {

Listing locations_listing();
// Items, those with a balance at `location` when it is not "".
Listing items_listing(const std::string& location);
// Balances, only the over-committed ones (reserved beyond on hand) when asked.
Listing balances_listing(bool over_committed_only);
// A few of the business's bins (code, zone) in code order: a zone rule's preview.
Statement bin_examples(const BusinessScope& business);

}  // namespace core::routes
