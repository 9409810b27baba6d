#include "pipeline/queries/reflexion.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

std::vector<Statement> reflexion_inserts(const std::string& business_id, const std::string& now,
                                         const std::vector<ReflexionEntry>& entries) {
  json rows = json::array();
  for (const auto& e : entries) {
    rows.push_back(json::array({e.id, e.tag, e.reason, stock_count::text_or_null(e.approved_by), e.ref_type, e.ref_id,
                                e.numbers.dump()}));
  }
  return stock_count::bulk_insert(
      "INSERT INTO reflexion_log (id, business_id, tag, reason, approved_by, ref_type, ref_id, numbers, created_at)",
      "json_extract(value, '$[0]'), ?1, json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
      "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
      "json_extract(value, '$[6]'), ?2",
      rows, json::array({business_id, now}));
}

}  // namespace core::pipeline
