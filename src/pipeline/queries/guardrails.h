#pragma once
// A business's guardrail as stored (pipeline/guardrail.h judges by it; routes/guardrails.cc
// reads and saves it).
#include <cstdint>
#include <string>

#include "business_scope.h"
#include "pipeline/guardrail.h"
#include "turn.h"

namespace core::pipeline {

// inventory_auto_pct (thousandths of a percent), inventory_auto_value (minor units or NULL),
// recount_pct, recount_value (NULL: twice the auto limits), updated_at, updated_by; no row: never set.
Statement guardrail_row(const BusinessScope& business);
Statement guardrail_upsert(const std::string& business_id, const Guardrail& guardrail, const std::string& now,
                           const std::string& updated_by);

}  // namespace core::pipeline
