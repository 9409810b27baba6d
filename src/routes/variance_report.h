#pragma once
// GET /inventory/variances: the cycle_count_variances report of the
// dashboard, with filters, totals (net and absolute value, item accuracy %)
// and a CSV form (?format=csv).
#include "request.h"

namespace core::routes {

json variance_report(const Ctx& ctx);

// GET /inventory/variances/summary?group_by=week|zone (+ the report's filters):
// per week counted or per location zone, lines, accuracy % and value.
json variance_summary(const Ctx& ctx);

// GET /inventory/variances/by-reason (+ the report's filters): the decided variances' value per
// week and reason code (src/reason_codes.h), for the dashboard's chart.
json variance_by_reason(const Ctx& ctx);

}  // namespace core::routes
