#include "pipeline/booking.h"

#include "netsuite/queries/outbox.h"

namespace core::pipeline {

std::vector<Statement> book_adjustment(const stock_count::AdjustmentOrigin& origin,
                                       const stock_count::PlannedAdjustment& adjustment, IdMaker& ids) {
  auto booked = stock_count::adjustment_statements(origin, adjustment, ids);
  booked.statements.push_back(netsuite::outbox_row(origin, ids.next("psh"), booked.adjustment_id, adjustment));
  return std::move(booked.statements);
}

}  // namespace core::pipeline
