#pragma once
// A business's own settings (business_settings, migration 0012): read by the routes that use them
// (the import and the sync take the zone rule from here) and saved by PUT /api/settings.
#include <string>

#include "business_scope.h"
#include "import/zone_rule.h"
#include "turn.h"

namespace core::queries {

// zone_pattern, blind_counts, gs1_separator, reason_codes, updated_at, updated_by; no row: every default.
Statement business_settings_row(const BusinessScope& business);
// What a PUT saves: each setting it names (the others keep what is stored).
struct SettingsChange {
  bool zone_given = false;
  json zone_pattern;       // text, or null for the default rule
  json blind_counts;       // true/false, or null: not given
  json reason_codes;       // the list's text (reason_codes.h), or null: not given
  bool separator_given = false;
  json gs1_separator;      // one character, or null for GS only
};
Statement business_settings_upsert(const std::string& business_id, const SettingsChange& change, const std::string& now,
                                   const std::string& updated_by);

// The zone rule those rows hold (the default when none is saved; a saved pattern was checked).
import::ZoneRule zone_rule_of(const json& settings_rows);

}  // namespace core::queries
