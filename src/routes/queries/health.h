#pragma once
// GET /health's reads (routes/health.cc): that D1 answers, the most recently changed NetSuite
// connections with every sealed secret column, to probe that each can sign, and how the latest
// weekly tick's locations stand (pipeline/queries/weekly_tick.h latest_week_runs).
#include <cstddef>

#include "query.h"

namespace core::routes {

struct HealthReads {
  Batch batch;
  Read<json> businesses, connections, week;
};
HealthReads health_reads(size_t connections_probed);

}  // namespace core::routes
