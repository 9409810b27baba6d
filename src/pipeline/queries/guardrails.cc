#include "pipeline/queries/guardrails.h"

namespace core::pipeline {

Statement guardrail_row(const BusinessScope& business) {
  return {"SELECT inventory_auto_pct, inventory_auto_value, recount_pct, recount_value, updated_at, updated_by FROM guardrails "
          "WHERE business_id = " +
              business.sql(1),
          json::array({business.bound()})};
}

Statement guardrail_upsert(const std::string& business_id, const Guardrail& g, const std::string& now,
                           const std::string& updated_by) {
  auto or_null = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(); };
  return {"INSERT INTO guardrails (business_id, inventory_auto_pct, inventory_auto_value, recount_pct, recount_value, "
          "updated_at, updated_by) VALUES (?1, ?2, ?3, ?6, ?7, ?4, ?5) ON CONFLICT (business_id) DO UPDATE SET "
          "inventory_auto_pct = excluded.inventory_auto_pct, inventory_auto_value = excluded.inventory_auto_value, "
          "recount_pct = excluded.recount_pct, recount_value = excluded.recount_value, "
          "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
          json::array({business_id, g.auto_pct_milli, or_null(g.auto_value_minor), now, updated_by,
                       or_null(g.recount_pct_set), or_null(g.recount_value_set)})};
}

}  // namespace core::pipeline
