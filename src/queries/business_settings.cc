#include "queries/business_settings.h"

#include "json_access.h"

namespace core::queries {

Statement business_settings_row(const BusinessScope& business) {
  return {"SELECT zone_pattern, blind_counts, gs1_separator, reason_codes, updated_at, updated_by FROM business_settings WHERE business_id = " +
              business.sql(1),
          json::array({business.bound()})};
}

Statement business_settings_upsert(const std::string& business_id, const SettingsChange& change, const std::string& now,
                                   const std::string& updated_by) {
  json blind = change.blind_counts.is_boolean() ? json(change.blind_counts.get<bool>() ? 1 : 0) : json();
  return {"INSERT INTO business_settings (business_id, zone_pattern, blind_counts, reason_codes, gs1_separator, "
          "updated_at, updated_by) VALUES (?1, ?2, COALESCE(?3, 1), ?7, ?8, ?4, ?5) ON CONFLICT (business_id) DO UPDATE SET "
          "gs1_separator = CASE WHEN ?9 = 1 THEN excluded.gs1_separator ELSE business_settings.gs1_separator END, "
          "zone_pattern = CASE WHEN ?6 = 1 THEN excluded.zone_pattern ELSE business_settings.zone_pattern END, "
          "blind_counts = COALESCE(?3, business_settings.blind_counts), "
          "reason_codes = COALESCE(?7, business_settings.reason_codes), updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by",
          json::array({business_id, change.zone_pattern, blind, now, updated_by, change.zone_given ? 1 : 0,
                       change.reason_codes, change.gs1_separator, change.separator_given ? 1 : 0})};
}

import::ZoneRule zone_rule_of(const json& settings_rows) {
  if (!settings_rows.is_array() || settings_rows.empty()) return {};
  std::string error;
  auto rule = import::ZoneRule::parse(string_or(settings_rows[0], "zone_pattern", ""), error);
  return rule ? *rule : import::ZoneRule{};
}

}  // namespace core::queries
