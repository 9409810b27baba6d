#pragma once
// A business's guardrail as stored (pipeline/guardrail.h judges by it; routes/guardrails.cc
// reads and saves it).
#include <cstdint>
#include <string>

#include "business_scope.h"
#include "turn.h"

namespace core::pipeline {

// inventory_auto_pct (thousandths of a percent), inventory_auto_value (minor units or NULL),
// updated_at, updated_by; no row: never set.
Statement guardrail_row(const BusinessScope& business);
// `cap`: the value cap in minor units, or null for none.
Statement guardrail_upsert(const std::string& business_id, int64_t auto_pct_milli, const json& cap,
                           const std::string& now, const std::string& updated_by);

}  // namespace core::pipeline
