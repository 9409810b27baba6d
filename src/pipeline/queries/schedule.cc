#include "pipeline/queries/schedule.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

ScheduleReads schedule_reads(const BusinessScope& business, const std::string& location_id) {
  const std::string biz = business.sql(2);
  const json params = json::array({location_id, business.bound()});
  ScheduleReads out;
  out.location = out.batch.add({"SELECT id, code, name FROM locations WHERE id = ?1 AND business_id = " + biz, params});
  out.rotation = out.batch.add(
      {"SELECT c.position, c.zone_id, z.code AS zone_code, z.name AS zone_name, c.active, z.active AS zone_active "
       "FROM cycle_count_schedule c JOIN zones z ON z.id = c.zone_id WHERE c.location_id = ?1 AND c.business_id = " +
           biz + " ORDER BY c.position",
       params});
  out.last_cron_session = out.batch.add(
      {"SELECT s.id AS session_id, s.week_key, s.zone_id, z.code AS zone_code, s.status FROM stock_count_session s "
       "LEFT JOIN zones z ON z.id = s.zone_id WHERE s.location_id = ?1 AND s.business_id = " + biz +
           " AND s.source = 'cron' ORDER BY s.week_key DESC LIMIT 1",
       params});
  out.zones = out.batch.add(
      {"SELECT id, code, name, active FROM zones WHERE location_id = ?1 AND business_id = " + biz + " ORDER BY code",
       params});
  return out;
}

Batch rotation_replace(const std::string& business_id, const std::string& location_id,
                       const std::vector<SavedSlot>& slots) {
  static const stock_count::BulkInsert kRotation{
      "cycle_count_schedule", {{"business_id", "?1"}, {"location_id", "?2"}}, {"id", "zone_id", "position", "active"}};
  json rows = json::array();
  for (const auto& s : slots) {
    rows.push_back(kRotation.fields.row(
        {{"id", s.id}, {"zone_id", s.zone_id}, {"position", s.position}, {"active", s.active ? 1 : 0}}));
  }
  Batch out;
  out.add({"DELETE FROM cycle_count_schedule WHERE location_id = ?1 AND business_id = ?2",
           json::array({location_id, business_id})});
  out.add_all(kRotation.statements(std::move(rows), json::array({business_id, location_id})));
  return out;
}

}  // namespace core::pipeline
