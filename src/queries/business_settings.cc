#include "queries/business_settings.h"

#include "json_access.h"

namespace core::queries {

Statement business_settings_row(const BusinessScope& business) {
  return {"SELECT zone_pattern, updated_at, updated_by FROM business_settings WHERE business_id = " + business.sql(1),
          json::array({business.bound()})};
}

Statement business_settings_upsert(const std::string& business_id, const json& zone_pattern, const std::string& now,
                                   const std::string& updated_by) {
  return {"INSERT INTO business_settings (business_id, zone_pattern, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (business_id) DO UPDATE SET zone_pattern = excluded.zone_pattern, updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by",
          json::array({business_id, zone_pattern, now, updated_by})};
}

import::ZoneRule zone_rule_of(const json& settings_rows) {
  if (!settings_rows.is_array() || settings_rows.empty()) return {};
  std::string error;
  auto rule = import::ZoneRule::parse(string_or(settings_rows[0], "zone_pattern", ""), error);
  return rule ? *rule : import::ZoneRule{};
}

}  // namespace core::queries
