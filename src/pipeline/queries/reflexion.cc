#include "pipeline/queries/reflexion.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

std::vector<Statement> reflexion_inserts(const std::string& business_id, const std::string& now,
                                         const std::vector<ReflexionEntry>& entries) {
  static const stock_count::BulkInsert kLog{
      "reflexion_log", {{"business_id", "?1"}, {"created_at", "?2"}},
      {"id", "tag", "reason", "approved_by", "ref_type", "ref_id", "numbers"}};
  json rows = json::array();
  for (const auto& e : entries) {
    rows.push_back(kLog.fields.row({{"id", e.id}, {"tag", e.tag}, {"reason", e.reason},
                                    {"approved_by", stock_count::text_or_null(e.approved_by)}, {"ref_type", e.ref_type},
                                    {"ref_id", e.ref_id}, {"numbers", e.numbers.dump()}}));
  }
  return kLog.statements(std::move(rows), json::array({business_id, now}));
}

}  // namespace core::pipeline
