#include "routes/cycle_count_schedule.h"

#include <map>
#include <set>

#include "pipeline/zone_rotation.h"
#include "problem.h"
#include "stock_count/queries/store.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

std::vector<Statement> schedule_reads(const Ctx& ctx, const std::string& location_id) {
  BusinessScope business = ctx.principal.business();
  const std::string biz = business.sql(2);
  const json params = json::array({location_id, business.bound()});
  return {{"SELECT id, code, name FROM locations WHERE id = ?1 AND business_id = " + biz, params},
          {"SELECT c.position, c.zone_id, z.code AS zone_code, z.name AS zone_name, c.active, z.active AS zone_active "
           "FROM cycle_count_schedule c JOIN zones z ON z.id = c.zone_id WHERE c.location_id = ?1 AND c.business_id = " +
               biz + " ORDER BY c.position",
           params},
          {"SELECT s.id AS session_id, s.week_key, s.zone_id, z.code AS zone_code, s.status FROM stock_count_session s "
           "LEFT JOIN zones z ON z.id = s.zone_id WHERE s.location_id = ?1 AND s.business_id = " + biz +
               " AND s.source = 'cron' ORDER BY s.week_key DESC LIMIT 1",
           params},
          {"SELECT id, code, name, active FROM zones WHERE location_id = ?1 AND business_id = " + biz + " ORDER BY code",
           params}};
}

json schedule_json(const json& d1, size_t at) {
  std::vector<pipeline::RotationSlot> slots;
  json rotation = json::array();
  for (const auto& r : rows_of(d1, at + 1)) {
    bool active = int_or(r, "active", 0) == 1, zone_active = int_or(r, "zone_active", 0) == 1;
    slots.push_back({string_or(r, "zone_id", ""), string_or(r, "zone_code", ""), int_or(r, "position", 0),
                     active && zone_active});
    rotation.push_back({{"position", value_or_null(r, "position")}, {"zone_id", value_or_null(r, "zone_id")}, {"zone", value_or_null(r, "zone_code")},
                        {"zone_name", value_or_null(r, "zone_name")}, {"active", active}, {"zone_active", zone_active}});
  }
  const json& last_rows = rows_of(d1, at + 2);
  json last = last_rows.empty() ? json() : last_rows[0];
  auto next = pipeline::next_zone(slots, last.is_null() ? "" : string_or(last, "zone_id", ""));
  const json& location = rows_of(d1, at)[0];
  return {{"location_id", value_or_null(location, "id")}, {"location_code", value_or_null(location, "code")}, {"rotation", rotation},
          {"last_cron_session", last},
          {"next_zone", next ? json{{"zone_id", next->zone_id}, {"zone", next->zone_code}} : json()}};
}

}  // namespace

json get_schedule(const Ctx& ctx) {
  std::string location = ctx.query_string("location_id");
  if (location.empty()) return unprocessable("say which location", {{"query.location_id", "required"}});
  if (ctx.state.is_null()) return ask_d1(schedule_reads(ctx, location), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows_of(d1, 0).empty()) return not_found("location");
  return respond_json(200, schedule_json(d1, 0));
}

json put_schedule(const Ctx& ctx) {
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  const json* body = &read.value;
  std::string location = string_or(*body, "location_id", "");
  const json* rotation = member(*body, "rotation");
  auto step = step_of<Step>(ctx.state);
  if (step == Step::kStart) {
    std::vector<FieldError> errors;
    if (location.empty()) errors.push_back({"location_id", "required"});
    if (rotation == nullptr || !rotation->is_array()) errors.push_back({"rotation", "give the zones in counting order"});
    if (!errors.empty()) return unprocessable("the rotation cannot be saved", errors);
    return ask_d1(schedule_reads(ctx, location), at_step(Step::kRead));
  }
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  size_t at = static_cast<size_t>(int_or(ctx.state, "reads_at", 0));
  if (rows_of(d1, at).empty()) return not_found("location");
  if (step == Step::kWritten) return respond_json(200, schedule_json(d1, at));

  std::map<std::string, std::string> zone_ids;  // code or id → id
  for (const auto& z : rows_of(d1, 3)) {
    zone_ids[string_or(z, "code", "")] = string_or(z, "id", "");
    zone_ids[string_or(z, "id", "")] = string_or(z, "id", "");
  }
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  json rows = json::array();
  for (size_t i = 0; i < rotation->size(); ++i) {
    const json& slot = (*rotation)[i];
    std::string at = "rotation[" + std::to_string(i) + "]";
    std::string zone = slot.is_string() ? as_string(slot) : string_or(slot, "zone", string_or(slot, "zone_id", ""));
    auto it = zone_ids.find(zone);
    if (zone.empty() || it == zone_ids.end()) {
      errors.push_back({at + ".zone", "no such zone at this location"});
      continue;
    }
    if (!seen.insert(it->second).second) errors.push_back({at + ".zone", "zone listed twice"});
    const json* active = slot.is_object() ? member(slot, "active") : nullptr;
    if (active && !active->is_boolean()) errors.push_back({at + ".active", "must be true or false"});
    bool on = active == nullptr || bool_member(slot, "active").value_or(false);
    rows.push_back(json::array({stock_count::new_id(ctx, "rot", static_cast<int>(i)), it->second,
                                static_cast<int64_t>(i + 1), on ? 1 : 0}));
  }
  if (!errors.empty()) return unprocessable("the rotation cannot be saved", errors);
  std::vector<Statement> batch = {{"DELETE FROM cycle_count_schedule WHERE location_id = ?1 AND business_id = ?2",
                                   json::array({location, ctx.principal.business_id})}};
  auto inserts = stock_count::bulk_insert(
      "INSERT INTO cycle_count_schedule (id, business_id, location_id, zone_id, position, active)",
      "json_extract(value, '$[0]'), ?1, ?2, json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
      "json_extract(value, '$[3]')",
      rows, json::array({ctx.principal.business_id, location}));
  batch.insert(batch.end(), inserts.begin(), inserts.end());
  auto reads = schedule_reads(ctx, location);
  batch.insert(batch.end(), reads.begin(), reads.end());
  return ask_d1(batch, at_step(Step::kWritten, {{"reads_at", batch.size() - reads.size()}}));
}

}  // namespace core::routes
