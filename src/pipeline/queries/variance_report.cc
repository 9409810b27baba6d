#include "pipeline/queries/variance_report.h"

#include "pipeline/guardrail.h"
#include "pipeline/review_status.h"
#include "reason_codes.h"
namespace core::pipeline {

namespace {

constexpr const char* kFrom =
    "cycle_count_variances v JOIN items i ON i.id = v.item_id JOIN stock_count_session s ON s.id = v.session_id "
    "JOIN locations l ON l.id = v.location_id LEFT JOIN zones z ON z.id = s.zone_id";
constexpr const char* kColumns =
    "v.id, v.session_id, CASE WHEN s.trigger_reason IS NULL THEN s.source ELSE 'trigger' END AS source, s.week_key, v.location_id, l.code AS location_code, z.code AS zone, v.item_id, "
    "i.sku, i.name AS item_name, i.category, v.expected_qty, v.system_qty_at_count, "
    "v.expected_qty AS expected_snapshot_qty, v.counted_qty, v.delta, "
    "v.abs_delta, v.pct, v.value_minor, v.moved_qty, v.moved_value_minor, v.decision, v.status, v.created_at";

}  // namespace

Listing report_listing(const std::string& order_by) {
  return {.from = kFrom, .columns = kColumns, .order_by = order_by, .business_column = "v.business_id"};
}

void where_zone(Listing& listing, const std::string& zone) {
  listing.where("EXISTS (SELECT 1 FROM (SELECT ? AS zc) x WHERE z.code = x.zc OR z.id = x.zc OR EXISTS "
                "(SELECT 1 FROM stock_count_scope sc WHERE sc.session_id = s.id AND sc.kind = 'zone' AND sc.value = x.zc))",
                zone);
}

void where_created_until(Listing& listing, const std::string& until) {
  listing.where("EXISTS (SELECT 1 FROM (SELECT ? AS t) x WHERE substr(v.created_at, 1, length(x.t)) <= x.t)", until);
}

ReportReads report_reads(const Listing& listing, const std::string& where, const json& params, int64_t limit,
                         int64_t offset) {
  json page_params = params;
  page_params.push_back(limit);
  page_params.push_back(offset);
  ReportReads out;
  out.totals = out.batch.add(
      {"SELECT COUNT(*) AS lines, COALESCE(SUM(v.value_minor), 0) AS net_minor, "
       "COALESCE(SUM(ABS(v.value_minor)), 0) AS absolute_minor, "
       "COALESCE(SUM(v.decision = " + status_sql(Decision::kAuto) + "), 0) AS auto, "
       "COALESCE(SUM(v.decision = " + status_sql(Decision::kReview) + "), 0) AS review, "
       "COALESCE(SUM(v.decision = " + status_sql(Decision::kConfirmed) + "), 0) AS confirmed, "
       "COALESCE(SUM(v.status = " + status_sql(VarianceStatus::kPending) + "), 0) AS pending FROM " + std::string(kFrom) + where,
       params});
  out.rows = out.batch.add({"SELECT " + std::string(kColumns) + " FROM " + kFrom + where + " ORDER BY " +
                                listing.order_by + " LIMIT ? OFFSET ?",
                            std::move(page_params)});
  return out;
}

namespace {
// A week is the one counted in: the Monday of the session's start (the close comes a week later).
constexpr const char* kWeekKey = "date(COALESCE(s.started_at, s.created_at), '-6 days', 'weekday 1')";
}  // namespace

std::optional<std::string> summary_key(const std::string& group_by) {
  if (group_by == "week") return kWeekKey;
  if (group_by == "zone") return "l.code || COALESCE(' ' || z.code, '')";
  return std::nullopt;
}

Statement summary_by(const std::string& key, const std::string& where, const json& params) {
  return {"SELECT " + key + " AS key, COUNT(*) AS lines, "
          "COALESCE(SUM(v.decision IN (" + status_sql(Decision::kAuto) + ", " + status_sql(Decision::kConfirmed) +
          ")), 0) AS within, COALESCE(SUM(v.decision = " + status_sql(Decision::kReview) + "), 0) AS review, "
          "COALESCE(SUM(v.decision = " + status_sql(Decision::kAuto) + "), 0) AS auto, "
          "COALESCE(SUM(v.value_minor), 0) AS net_minor, COALESCE(SUM(ABS(v.value_minor)), 0) AS absolute_minor "
          "FROM " + std::string(kFrom) + where + " GROUP BY 1 ORDER BY 1",
          params};
}

Statement reason_summary(const std::string& where, const json& params) {
  return {std::string("SELECT ") + kWeekKey + " AS week, CASE WHEN v.status = " + status_sql(VarianceStatus::kAdjusted) + " THEN '" +
              std::string(kWithinTolerance) + "' ELSE p.reason_code END AS reason_code, COUNT(*) AS lines, "
              "COALESCE(SUM(v.value_minor), 0) AS net_minor, COALESCE(SUM(ABS(v.value_minor)), 0) AS absolute_minor FROM " +
              kFrom + " LEFT JOIN proposed_actions p ON p.variance_id = v.id" + where + " AND v.status IN (" +
              status_sql(VarianceStatus::kAdjusted) + ", " + status_sql(VarianceStatus::kApproved) + ", " +
              status_sql(VarianceStatus::kRejected) + ") GROUP BY 1, 2 ORDER BY 1, 2",
          params};
}

}  // namespace core::pipeline
