#pragma once
// GET /health's reads (routes/health.cc): that D1 answers, and the most recently changed
// NetSuite connections with every sealed secret column, to probe that each can sign.
#include <cstddef>

#include "query.h"

namespace core::routes {

struct HealthReads {
  Batch batch;
  Read<json> businesses, connections;
};
HealthReads health_reads(size_t connections_probed);

}  // namespace core::routes
