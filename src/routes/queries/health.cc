#include "routes/queries/health.h"

#include "netsuite/queries/sync.h"
#include "pipeline/queries/weekly_tick.h"

namespace core::routes {

HealthReads health_reads(size_t connections_probed, const std::string& stale_before) {
  HealthReads out;
  out.businesses = out.batch.add({"SELECT COUNT(*) AS businesses FROM businesses", json::array()});
  out.connections = out.batch.add(
      {"SELECT business_id, auth_mode, base_url, key_alg, client_id_sealed, private_key_sealed, "
       "consumer_key_sealed, consumer_secret_sealed, token_id_sealed, token_secret_sealed "
       "FROM netsuite_connections ORDER BY updated_at DESC LIMIT ?1",
       json::array({connections_probed})});
  out.week = out.batch.add(pipeline::latest_week_runs());
  out.sync = out.batch.add(netsuite::sync_health(stale_before));
  return out;
}

}  // namespace core::routes
