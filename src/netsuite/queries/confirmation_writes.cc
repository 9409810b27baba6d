#include "netsuite/queries/confirmation_writes.h"

#include "netsuite/push_status.h"
#include "netsuite/payload.h"
#include "quantity.h"
#include "query.h"

namespace core::netsuite {

namespace {

// ?1 business, ?2 lease owner, ?3 now, ?4 the JSON rows of the statement.
std::string held_as(PushStatus status, std::string_view push_id_sql) {
  return "EXISTS (SELECT 1 FROM ns_pending_pushes p WHERE p.id = " + std::string(push_id_sql) + " AND p.status = " +
         status_sql(status) + " AND p.lease_owner = ?2)";
}

// The rows a round binds at ?4, each kind's fields named once.
// Each push's outcome: its new status, attempts, NetSuite id, error and next attempt.
const RowFields kOutcomes{"id", "status", "attempts", "internal_id", "error", "next_at"};
// Each line of a confirmed push, as the mirror applies it (bin, batch, serial: '' for none).
const RowFields kConfirmedLines{"push_id", "adjustment_id", "item_id", "location_id", "bin", "batch", "serial", "delta",
                                "new_id"};
// Each confirmed push's log row and inventory.adjusted event.
const RowFields kConfirmed{"push_id", "log_id", "reason", "adjustment_id", "numbers", "event_id", "event"};
// Each dead push's log row.
const RowFields kDead{"push_id", "log_id", "reason", "adjustment_id", "numbers"};

// The confirmed lines as a CTE `l` (kConfirmedLines).
std::string confirmed_lines_cte() {
  return "WITH l AS (SELECT " + kConfirmedLines.select_list() + " FROM json_each(?4) WHERE " +
         held_as(PushStatus::kDone, kConfirmedLines.sql("push_id")) + ") ";
}

constexpr const char* kSameLine =
    "d.business_id = ?1 AND d.location_id = l.location_id AND d.item_id = l.item_id AND COALESCE(d.bin_id, '') = l.bin "
    "AND COALESCE(d.batch_number, '') = l.batch AND COALESCE(d.serial_number, '') = l.serial";

}  // namespace

json adjusted_event(const PushResult& r) {
  const auto& a = r.adjustment;
  json lines = json::array();
  for (const auto& l : a.lines) {
    lines.push_back({{"item_id", l.item_id}, {"sku", l.sku}, {"bin", l.bin_code.empty() ? json() : json(l.bin_code)},
                     {"batch_number", l.batch_number.empty() ? json() : json(l.batch_number)},
                     {"serial_number", l.serial_number.empty() ? json() : json(l.serial_number)},
                     {"delta", qty_json(l.delta)}});
  }
  return {{"adjustment_id", a.adjustment_id}, {"external_id", a.external_id}, {"ns_internal_id", r.ns_internal_id},
          {"location_id", a.location_id}, {"session_id", a.session_id.empty() ? json() : json(a.session_id)},
          {"proposed_action_id", a.proposed_action_id.empty() ? json() : json(a.proposed_action_id)},
          {"direction", a.direction}, {"reason", a.reason}, {"lines", lines}};
}

std::vector<Statement> round_statements(const std::string& business_id, const std::string& lease_owner,
                                        const std::string& now, const std::vector<PushResult>& results, IdMaker& ids) {
  json states = json::array(), lines = json::array(), confirmed = json::array(), dead = json::array();
  for (const auto& r : results) {
    const auto& a = r.adjustment;
    PushStatus after = r.outcome == PushOutcome::kConfirmed ? PushStatus::kDone
                      : r.outcome == PushOutcome::kDead    ? PushStatus::kDead
                                                           : PushStatus::kPending;
    std::string_view status = status_name(after);
    states.push_back(kOutcomes.row({{"id", a.push_id}, {"status", status}, {"attempts", r.attempts},
                                    {"internal_id", r.ns_internal_id.empty() ? json() : json(r.ns_internal_id)},
                                    {"error", r.error.empty() ? json() : json(r.error)},
                                    {"next_at", r.next_attempt_at.empty() ? json() : json(r.next_attempt_at)}}));
    json numbers = {{"external_id", a.external_id}, {"attempts", r.attempts}};
    if (r.outcome == PushOutcome::kConfirmed) {
      for (const auto& l : a.lines) {
        lines.push_back(kConfirmedLines.row({{"push_id", a.push_id}, {"adjustment_id", a.adjustment_id},
                                             {"item_id", l.item_id}, {"location_id", l.location_id}, {"bin", l.bin_id},
                                             {"batch", l.batch_number}, {"serial", l.serial_number}, {"delta", l.delta},
                                             {"new_id", ids.next("det")}}));
      }
      numbers["ns_internal_id"] = r.ns_internal_id;
      confirmed.push_back(kConfirmed.row(
          {{"push_id", a.push_id}, {"log_id", ids.next("rfx")},
           {"reason", "NetSuite confirmed " + record_type(a.direction) + " " + r.ns_internal_id + " (" + a.external_id +
                          ") after " + std::to_string(r.attempts) + " attempt(s)"},
           {"adjustment_id", a.adjustment_id}, {"numbers", numbers.dump()}, {"event_id", ids.next("evt")},
           {"event", adjusted_event(r).dump()}}));
    } else if (r.outcome == PushOutcome::kDead) {
      dead.push_back(kDead.row({{"push_id", a.push_id}, {"log_id", ids.next("rfx")},
                                {"reason", "NetSuite push is dead: " + r.error}, {"adjustment_id", a.adjustment_id},
                                {"numbers", numbers.dump()}}));
    }
  }
  auto bound = [&](json rows) { return json::array({business_id, lease_owner, now, rows.dump()}); };
  std::vector<Statement> out = {
      {"UPDATE ns_pending_pushes AS p SET status = j.status, attempts = j.attempts, ns_internal_id = j.internal_id, "
       "last_error = j.error, next_attempt_at = COALESCE(j.next_at, p.next_attempt_at), "
       "lease_owner = CASE WHEN j.status = " + status_sql(PushStatus::kPending) + " THEN NULL ELSE p.lease_owner END, lease_until = NULL, "
       "updated_at = ?3 FROM (SELECT " + kOutcomes.select_list() + " FROM json_each(?4)) AS j "
       "WHERE p.id = j.id AND p.business_id = ?1 AND p.status = " + status_sql(PushStatus::kInFlight) + " AND p.lease_owner = ?2",
       bound(states)}};
  if (!confirmed.empty()) {
    const std::string cte = confirmed_lines_cte();
    // The placement of each line, where the item is placed at the location (as counts read it).
    out.push_back({cte + ", placed AS (SELECT l.delta, (SELECT MIN(d.id) FROM inventory_detail d WHERE " + kSameLine +
                       ") AS detail_id FROM l) UPDATE inventory_detail SET quantity = quantity + "
                       "(SELECT SUM(placed.delta) FROM placed WHERE placed.detail_id = inventory_detail.id) "
                       "WHERE id IN (SELECT detail_id FROM placed)",
                   bound(lines)});
    out.push_back({cte + "INSERT INTO inventory_detail (id, business_id, item_id, location_id, bin_id, batch_number, "
                         "serial_number, quantity) SELECT MIN(l.new_id), ?1, l.item_id, l.location_id, NULLIF(l.bin, ''), "
                         "NULLIF(l.batch, ''), NULLIF(l.serial, ''), SUM(l.delta) FROM l "
                         "WHERE NOT EXISTS (SELECT 1 FROM inventory_detail d WHERE " + kSameLine + ") "
                         "AND EXISTS (SELECT 1 FROM inventory_detail d WHERE d.business_id = ?1 "
                         "AND d.location_id = l.location_id AND d.item_id = l.item_id) "
                         "GROUP BY l.item_id, l.location_id, l.bin, l.batch, l.serial",
                   bound(lines)});
    out.push_back({cte + "DELETE FROM inventory_detail WHERE business_id = ?1 AND quantity = 0 AND EXISTS "
                         "(SELECT 1 FROM l WHERE l.item_id = inventory_detail.item_id "
                         "AND l.location_id = inventory_detail.location_id)",
                   bound(lines)});
    out.push_back({cte + "INSERT INTO inventory_balance (business_id, item_id, location_id, quantityonhand, reserved, "
                         "updated_at) SELECT ?1, l.item_id, l.location_id, SUM(l.delta), 0, ?3 FROM l "
                         "GROUP BY l.item_id, l.location_id ON CONFLICT (item_id, location_id) DO UPDATE SET "
                         "quantityonhand = quantityonhand + excluded.quantityonhand, updated_at = excluded.updated_at",
                   bound(lines)});
    out.push_back({cte + "UPDATE inventory_ledger SET mirrored_at = ?3 WHERE business_id = ?1 "
                         "AND ref_type = 'inventory_adjustment' AND mirrored_at IS NULL "
                         "AND ref_id IN (SELECT adjustment_id FROM l)",
                   bound(lines)});
    out.push_back({"INSERT INTO reflexion_log (id, business_id, tag, reason, approved_by, ref_type, ref_id, numbers, "
                   "created_at) SELECT " + kConfirmed.sql("log_id") + ", ?1, 'posted', " + kConfirmed.sql("reason") +
                       ", NULL, 'inventory_adjustment', " + kConfirmed.sql("adjustment_id") + ", " +
                       kConfirmed.sql("numbers") + ", ?3 FROM json_each(?4) WHERE " +
                       held_as(PushStatus::kDone, kConfirmed.sql("push_id")),
                   bound(confirmed)});
    out.push_back({"INSERT INTO events (id, business_id, type, payload, created_at) SELECT " + kConfirmed.sql("event_id") +
                       ", ?1, 'inventory.adjusted', " + kConfirmed.sql("event") + ", ?3 FROM json_each(?4) WHERE " +
                       held_as(PushStatus::kDone, kConfirmed.sql("push_id")) + " ORDER BY key",
                   bound(confirmed)});
  }
  if (!dead.empty()) {
    out.push_back({"INSERT INTO reflexion_log (id, business_id, tag, reason, approved_by, ref_type, ref_id, numbers, "
                   "created_at) SELECT " + kDead.sql("log_id") + ", ?1, 'push_dead', " + kDead.sql("reason") +
                       ", NULL, 'inventory_adjustment', " + kDead.sql("adjustment_id") + ", " + kDead.sql("numbers") +
                       ", ?3 FROM json_each(?4) WHERE " + held_as(PushStatus::kDead, kDead.sql("push_id")),
                   bound(dead)});
  }
  return out;
}

}  // namespace core::netsuite
