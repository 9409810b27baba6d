#pragma once
// The variance report's statements (routes/variance_report.cc): variances with item, session,
// location and zone, their totals, and the summary by week or zone.
#include <cstdint>
#include <optional>
#include <string>

#include "queries/listing.h"
#include "query.h"

namespace core::pipeline {

// The report's rows in `order_by` (an ORDER BY list over its columns); the route adds filters.
Listing report_listing(const std::string& order_by);
// Filters that need more than a column: the cron session's zone or a manual session's zone
// scope (by code or id), and created up to `until` (a date includes its whole day).
void where_zone(Listing& listing, const std::string& zone);
void where_created_until(Listing& listing, const std::string& until);

// The totals (lines, net_minor, absolute_minor, auto, review, confirmed, pending) and one page
// of rows, for the listing's WHERE (`where`, its `params`).
struct ReportReads {
  Batch batch;
  Read<json> totals, rows;
};
ReportReads report_reads(const Listing& listing, const std::string& where, const json& params, int64_t limit,
                         int64_t offset);

// The summary's key for ?group_by= ("week": the Monday of the session's start; "zone"), or nullopt.
std::optional<std::string> summary_key(const std::string& group_by);
// key, lines, within, review, auto, net_minor, absolute_minor per key.
Statement summary_by(const std::string& key, const std::string& where, const json& params);
// The decided variances (adjusted at close, approved, rejected) by week and reason code: week,
// reason_code (within_tolerance for an automatic adjustment; NULL: decided before codes), lines,
// net_minor, absolute_minor.
Statement reason_summary(const std::string& where, const json& params);

}  // namespace core::pipeline
