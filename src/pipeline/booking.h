#pragma once
// Booking one planned adjustment: its rows (stock_count/queries/posting_writes.h) and
// its outbox row (netsuite/queries/outbox.h), for the caller's batch. The batch wakes
// the business's push drainer once committed.
#include <vector>

#include "request.h"
#include "stock_count/queries/posting_writes.h"
#include "turn.h"

namespace core::pipeline {

std::vector<Statement> book_adjustment(const stock_count::AdjustmentOrigin& origin,
                                       const stock_count::PlannedAdjustment& adjustment, IdMaker& ids);

}  // namespace core::pipeline
