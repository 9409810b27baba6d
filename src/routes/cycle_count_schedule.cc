#include "routes/cycle_count_schedule.h"

#include <map>
#include <set>

#include "pipeline/queries/schedule.h"
#include "pipeline/zone_rotation.h"
#include "problem.h"
#include "stock_count/queries/store.h"
#include "turn.h"
#include "steps.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

json schedule_json(const json& d1, const pipeline::ScheduleReads& reads) {
  std::vector<pipeline::RotationSlot> slots;
  json rotation = json::array();
  for (const auto& r : rows(d1, reads.rotation)) {
    bool active = int_or(r, "active", 0) == 1, zone_active = int_or(r, "zone_active", 0) == 1;
    slots.push_back({string_or(r, "zone_id", ""), string_or(r, "zone_code", ""), int_or(r, "position", 0),
                     active && zone_active});
    rotation.push_back({{"position", value_or_null(r, "position")}, {"zone_id", value_or_null(r, "zone_id")}, {"zone", value_or_null(r, "zone_code")},
                        {"zone_name", value_or_null(r, "zone_name")}, {"active", active}, {"zone_active", zone_active}});
  }
  const json& last_rows = rows(d1, reads.last_cron_session);
  json last = last_rows.empty() ? json() : last_rows[0];
  auto next = pipeline::next_zone(slots, last.is_null() ? "" : string_or(last, "zone_id", ""));
  const json& location = rows(d1, reads.location)[0];
  return {{"location_id", value_or_null(location, "id")}, {"location_code", value_or_null(location, "code")}, {"rotation", rotation},
          {"last_cron_session", last},
          {"next_zone", next ? json{{"zone_id", next->zone_id}, {"zone", next->zone_code}} : json()}};
}

}  // namespace

json get_schedule(const Ctx& ctx) {
  std::string location = ctx.query_string("location_id");
  if (location.empty()) return unprocessable("say which location", {{"query.location_id", "required"}});
  auto reads = pipeline::schedule_reads(ctx.principal.business(), location);
  if (ctx.state.is_null()) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (rows(d1, reads.location).empty()) return not_found("location");
  return respond_json(200, schedule_json(d1, reads));
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
    return ask_d1(pipeline::schedule_reads(ctx.principal.business(), location).batch.take(), at_step(Step::kRead));
  }
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  // The schedule's reads: the first batch, or read back after the write (their handles moved
  // on by the write's statements, kept in the state).
  auto reads = pipeline::schedule_reads(ctx.principal.business(), location);
  if (step == Step::kWritten) {
    size_t after = static_cast<size_t>(int_or(ctx.state, "written", 0));
    reads.location = reads.location.after(after);
    reads.rotation = reads.rotation.after(after);
    reads.last_cron_session = reads.last_cron_session.after(after);
  }
  if (rows(d1, reads.location).empty()) return not_found("location");
  if (step == Step::kWritten) return respond_json(200, schedule_json(d1, reads));

  std::map<std::string, std::string> zone_ids;  // code or id → id
  for (const auto& z : rows(d1, reads.zones)) {
    zone_ids[string_or(z, "code", "")] = string_or(z, "id", "");
    zone_ids[string_or(z, "id", "")] = string_or(z, "id", "");
  }
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  std::vector<pipeline::SavedSlot> slots;
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
    slots.push_back({stock_count::new_id(ctx, "rot", static_cast<int>(i)), it->second, static_cast<int64_t>(i + 1), on});
  }
  if (!errors.empty()) return unprocessable("the rotation cannot be saved", errors);
  Batch batch = pipeline::rotation_replace(ctx.principal.business_id, location, slots);
  size_t written = batch.size();
  batch.add_all(pipeline::schedule_reads(ctx.principal.business(), location).batch.take());
  return ask_d1(batch.take(), at_step(Step::kWritten, {{"written", written}}));
}

}  // namespace core::routes
