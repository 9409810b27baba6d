#include "pipeline/queries/guardrails.h"

namespace core::pipeline {

Statement guardrail_row(const BusinessScope& business) {
  return {"SELECT inventory_auto_pct, inventory_auto_value, updated_at, updated_by FROM guardrails WHERE business_id = " +
              business.sql(1),
          json::array({business.bound()})};
}

Statement guardrail_upsert(const std::string& business_id, int64_t auto_pct_milli, const json& cap,
                           const std::string& now, const std::string& updated_by) {
  return {"INSERT INTO guardrails (business_id, inventory_auto_pct, inventory_auto_value, updated_at, updated_by) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (business_id) DO UPDATE SET "
          "inventory_auto_pct = excluded.inventory_auto_pct, inventory_auto_value = excluded.inventory_auto_value, "
          "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
          json::array({business_id, auto_pct_milli, cap, now, updated_by})};
}

}  // namespace core::pipeline
