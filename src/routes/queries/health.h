#pragma once
// GET /health's reads (routes/health.cc): that D1 answers, the most recently changed NetSuite
// connections with every sealed secret column, to probe that each can sign, and how the latest
// weekly tick's locations stand (pipeline/queries/weekly_tick.h latest_week_runs), and how the
// NetSuite syncs stand (netsuite/queries/sync.h sync_health).
#include <cstddef>
#include <string>

#include "query.h"

namespace core::routes {

struct HealthReads {
  Batch batch;
  Read<json> businesses, connections, week, sync;
};
// `stale_before`: a business's NetSuite sync whose last done run finished before this is late.
HealthReads health_reads(size_t connections_probed, const std::string& stale_before);

}  // namespace core::routes
