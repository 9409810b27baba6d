#include "stock_count/entry_rows.h"

#include <map>
#include <set>
#include <unordered_map>

#include "quantity.h"
#include "stock_count/queries/store.h"
#include "utc_time.h"
#include "write_guard.h"
#include "steps.h"

namespace core::stock_count {

namespace {

// A line whose client_entry_id the session (or an earlier line) already holds: a retry, not a count.
bool client_is_duplicate(const CountLine& e, const std::set<std::string_view>& seen_clients) {
  return !e.client_entry_id.view().empty() && seen_clients.count(e.client_entry_id.view()) > 0;
}

// ?return=summary: the answer carries counts and duplicates, not the stored rows.
bool summary_only(const Ctx& ctx) { return ctx.query_string("return") == "summary"; }
}  // namespace

std::optional<std::string> counted_qty_problem(std::optional<int64_t> qty, const std::string& tracking) {
  if (!qty) return "must be a number with at most 3 decimals";
  if (*qty < 0) return "must not be negative";
  if (*qty > kMaxCountedQty) return "at most 10,000,000 units per line";
  if (tracking == "serial" && *qty != 0 && *qty != kQtyScale) return "a serial-tracked unit is counted as 0 or 1";
  return std::nullopt;
}

std::vector<Statement> entry_reads(const Ctx& ctx, const std::string& session_id, const std::string& task_id,
                                   const std::vector<CountLine>& entries) {
  json ids = json::array(), skus = json::array(), bins = json::array(), clients = json::array();
  for (const auto& e : entries) {
    if (e.item_id.is_text()) ids.push_back(e.item_id.text);
    if (e.sku.is_text()) skus.push_back(e.sku.text);
    if (e.bin.is_text()) bins.push_back(e.bin.text);
    if (e.client_entry_id.is_text()) clients.push_back(e.client_entry_id.text);
  }
  BusinessScope business = ctx.principal.business();
  const std::string& biz = business.bound();
  std::vector<Statement> reads = {load_session(ctx, session_id),
          {"SELECT id, status, count_index FROM stock_count_task WHERE id = ?1 AND session_id = ?2 AND business_id = " +
               business.sql(3),
           json::array({task_id, session_id, biz})},
          {items_named("id, sku, tracking", business.sql(1), "?2", "?3"), json::array({biz, ids.dump(), skus.dump()})},
          {"SELECT b.id, b.code, z.code AS zone_code FROM bins b JOIN zones z ON z.id = b.zone_id "
           "WHERE b.business_id = " + business.sql(1) + " AND b.location_id = "
           "(SELECT location_id FROM stock_count_session WHERE id = ?2 AND business_id = " + business.sql(1) + ") "
           "AND b.code IN (SELECT value FROM json_each(?3))",
           json::array({biz, session_id, bins.dump()})},
          {"SELECT client_entry_id FROM stock_count_entry WHERE session_id = ?1 AND business_id = " + business.sql(2) +
               " AND client_entry_id IN (SELECT value FROM json_each(?3))",
           json::array({session_id, biz, clients.dump()})}};
  if (auto serials = serial_rounds(entries, "SELECT id FROM stock_count_session WHERE id = ?1 AND business_id = " +
                                                business.sql(2), "?3", json::array({session_id, biz}))) {
    reads.push_back(std::move(*serials));
  }
  return reads;
}

std::optional<Statement> serial_rounds(const std::vector<CountLine>& lines, const std::string& sessions,
                                       const std::string& serials, json params) {
  json named = json::array();
  for (const auto& l : lines) {
    if (l.serial_number.is_text() && !l.serial_number.view().empty()) named.push_back(l.serial_number.text);
  }
  if (named.empty()) return std::nullopt;
  params.push_back(named.dump());
  const std::string in_serials = " IN (SELECT value FROM json_each(" + serials + "))";
  return Statement{"SELECT e.session_id, e.item_id, e.serial_number, MAX(e.count_index) AS counted_round, NULL AS task_round "
                   "FROM stock_count_entry e WHERE e.session_id IN (" + sessions + ") AND e.counted_qty > 0 "
                   "AND e.serial_number" + in_serials + " GROUP BY e.session_id, e.item_id, e.serial_number "
                   "UNION ALL SELECT n.session_id, n.item_id, n.serial_number, NULL, MAX(k.count_index) "
                   "FROM stock_count_snapshot n JOIN stock_count_task k ON k.id = n.task_id "
                   "WHERE n.session_id IN (" + sessions + ") AND n.serial_number" + in_serials +
                   " GROUP BY n.session_id, n.item_id, n.serial_number",
                   std::move(params)};
}

EntryLookups entry_lookups(const json& reads) {
  EntryLookups out{rows_of(reads, 2), rows_of(reads, 3), {}};
  for (const auto& row : rows_of(reads, 4)) out.seen_clients.push_back(text_of(row, "client_entry_id"));
  for (const auto& row : rows_of(reads, 5)) out.serial_rounds.push_back(&row);
  const json& task = rows_of(reads, 1);
  out.task_round = task.empty() ? 0 : int_or(task[0], "count_index", 0);
  return out;
}

EntryPlan plan_entries(const Ctx& ctx, const std::vector<CountLine>& entries, const std::string& task_id,
                       const EntryLookups& lookups, std::string_view list_name) {
  // Rows viewed in place (the reads outlive the plan's making): no copy per line.
  std::unordered_map<std::string_view, const json*> by_id, by_sku, bin_by_code;
  for (const auto& item : lookups.items) {
    by_id[text_of(item, "id")] = &item;
    by_sku[text_of(item, "sku")] = &item;
  }
  for (const auto& bin : lookups.bins) bin_by_code[text_of(bin, "code")] = &bin;
  std::set<std::string_view> seen_clients(lookups.seen_clients.begin(), lookups.seen_clients.end());

  // (item, serial) → the round it is counted positive in, and its snapshot task's round.
  std::map<std::pair<std::string_view, std::string_view>, std::pair<int64_t, int64_t>> rounds;
  for (const json* row : lookups.serial_rounds) {
    auto& r = rounds[{text_of(*row, "item_id"), text_of(*row, "serial_number")}];
    r.first = std::max(r.first, int_or(*row, "counted_round", 0));
    r.second = std::max(r.second, int_or(*row, "task_round", 0));
  }
  std::set<std::pair<std::string_view, std::string_view>> counted_here;  // positive serials of this request

  EntryPlan plan;
  int serial = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const CountLine& e = entries[i];
    // The line's path, made only when something about it is refused.
    auto at = [&](std::string_view field = {}) {
      std::string path = std::string(list_name) + "[" + std::to_string(i) + "]";
      if (!field.empty()) path += "." + std::string(field);
      return path;
    };
    if (!e.is_object) {
      plan.errors.push_back({at(), "must be an object"});
      continue;
    }
    const json* item = nullptr;
    if (e.item_id.is_text()) {
      auto it = by_id.find(e.item_id.view());
      if (it != by_id.end()) item = it->second;
      else plan.errors.push_back({at("item_id"), "unknown item " + e.item_id.text});
    } else if (e.sku.is_text()) {
      auto it = by_sku.find(e.sku.view());
      if (it != by_sku.end()) item = it->second;
      else plan.errors.push_back({at("sku"), "unknown sku " + e.sku.text});
    } else {
      plan.errors.push_back({at(), "give item_id or sku"});
    }
    std::string_view tracking = item ? text_of(*item, "tracking") : std::string_view("none");
    if (auto why = counted_qty_problem(e.qty, std::string(tracking.empty() ? "none" : tracking))) {
      plan.errors.push_back({at("counted_qty"), *why});
    }
    json bin_id;
    if (e.bin.present() && e.bin.kind != LineField::Kind::kNull) {
      auto it = e.bin.is_text() ? bin_by_code.find(e.bin.view()) : bin_by_code.end();
      if (it == bin_by_code.end()) plan.errors.push_back({at("bin"), "no such bin at this location"});
      else bin_id = text_of(*it->second, "id");
    }
    if (item && tracking == "serial" && e.serial_number.view().empty()) {
      plan.errors.push_back({at("serial_number"), "required for a serial-tracked item"});
    }
    if (item && tracking == "serial" && e.qty && *e.qty > 0 && !e.serial_number.view().empty() &&
        !client_is_duplicate(e, seen_clients)) {
      std::pair key{text_of(*item, "id"), e.serial_number.view()};
      auto known = rounds.find(key);
      int64_t round = lookups.task_round > 0 ? lookups.task_round
                                             : std::max<int64_t>(known == rounds.end() ? 1 : known->second.second, 1);
      if (!counted_here.insert(key).second || (known != rounds.end() && known->second.first >= round)) {
        plan.errors.push_back({at("serial_number"), "serial " + std::string(key.second) +
                                                        " is already counted in this session (a serial is 0 or 1; "
                                                        "a recount task replaces a count)"});
      }
    }
    for (auto [name, field] : {std::pair{"batch_number", &e.batch_number}, {"serial_number", &e.serial_number},
                               {"client_entry_id", &e.client_entry_id}, {"counted_at", &e.counted_at}}) {
      if (field->wrong_type()) plan.errors.push_back({at(name), "must be a string"});
      else if (field->text.size() > kMaxCodeLength) {
        plan.errors.push_back({at(name), "at most " + std::to_string(kMaxCodeLength) + " characters"});
      }
    }
    std::string counted_at = ctx.now;
    if (auto text = e.counted_at.view(); !text.empty()) {
      auto instant = utc_instant_of_rfc3339(text);
      if (!instant) plan.errors.push_back({at("counted_at"), "an RFC 3339 time such as 2026-11-23T09:30:00Z"});
      else counted_at = *instant;
    }
    std::string_view client = e.client_entry_id.view();
    if (!client.empty() && !seen_clients.insert(client).second) {
      plan.duplicates.push_back({{"index", i}, {"client_entry_id", client}});
      continue;
    }
    if (item == nullptr || !e.qty) continue;
    auto text_or_null = [](const LineField& f) { return f.view().empty() ? json() : json(f.text); };
    if (!client.empty()) plan.client_index[std::string(client)] = i;
    plan.rows.push_back(json::array({new_id(ctx, "ent", serial++), task_id.empty() ? json() : json(task_id),
                                     text_of(*item, "id"), std::move(bin_id), text_or_null(e.batch_number),
                                     text_or_null(e.serial_number), *e.qty, text_or_null(e.client_entry_id),
                                     std::move(counted_at)}));
  }
  return plan;
}

Statement serials_counted_once(const std::string& business_id, const std::string& session_id, const json& serials) {
  return guard_exists("a serial counted twice",
                      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM stock_count_entry e WHERE e.session_id = ?2 "
                      "AND e.business_id = ?3 AND e.counted_qty > 0 AND e.serial_number IN (SELECT value FROM json_each(?4)) "
                      "AND e.count_index = (SELECT MAX(x.count_index) FROM stock_count_entry x WHERE x.session_id = e.session_id "
                      "AND x.item_id = e.item_id AND x.serial_number = e.serial_number AND x.counted_qty > 0) "
                      "GROUP BY e.item_id, e.serial_number HAVING SUM(e.counted_qty) > " + std::to_string(kQtyScale) + ")",
                      json::array({session_id, business_id, serials.dump()}));
}

std::vector<Statement> entry_writes(const Ctx& ctx, const std::string& session_id, EntryPlan&& plan) {
  const json fixed = json::array({ctx.principal.business_id, session_id, ctx.principal.token_name, ctx.now});
  const std::string rows_param = "?" + std::to_string(fixed.size() + 1);
  const std::string loc = "(SELECT location_id FROM stock_count_session WHERE id = ?2)";
  // Each line's fields are read from its JSON once (r), and its task once (t): without a
  // task in the request, the line's task from the snapshot.
  const std::string lines =
      "WITH r AS MATERIALIZED (SELECT value ->> 0 AS id, value ->> 1 AS task_id, value ->> 2 AS item_id, "
      "value ->> 3 AS bin_id, value ->> 4 AS batch_number, value ->> 5 AS serial_number, value ->> 6 AS counted_qty, "
      "value ->> 7 AS client_entry_id, value ->> 8 AS counted_at FROM json_each(" + rows_param + ")), "
      "t AS MATERIALIZED (SELECT r.*, COALESCE(r.task_id, (SELECT s.task_id FROM stock_count_snapshot s "
      "WHERE s.session_id = ?2 AND s.item_id = r.item_id AND COALESCE(s.bin_id, '') = COALESCE(r.bin_id, '') LIMIT 1)) "
      "AS line_task FROM r) ";
  // The on-hand at the moment of the count (store.h "What a count compares with"):
  // the expected placement of this line when the item is placed at the
  // location, else the item's balance there with its unconfirmed change.
  // business_id first so the (business_id, location_id, item_id) indexes serve each row.
  const std::string system_qty =
      "CASE WHEN EXISTS (SELECT 1 FROM inventory_detail d WHERE d.business_id = ?1 AND d.item_id = t.item_id "
      "AND d.location_id = " + loc + ") THEN " +
      expected_line_qty("?1", loc, "t.item_id", "t.bin_id", "t.batch_number", "t.serial_number") +
      " ELSE COALESCE((SELECT ib.quantityonhand FROM inventory_balance ib WHERE ib.item_id = t.item_id"
      " AND ib.location_id = " + loc + "), 0) + " + unconfirmed_item_change("?1", loc, "t.item_id") + " END";
  std::vector<Statement> batch = entries_change(ctx.principal.business_id, session_id);
  json ids = json::array(), clients = json::array(), serials = json::array();
  for (const auto& r : plan.rows) {
    ids.push_back(r[0]);
    if (r[7].is_string()) clients.push_back(r[7]);
    if (r[5].is_string() && r[6].is_number_integer() && r[6].get<int64_t>() > 0) serials.push_back(r[5]);
  }
  auto inserts = bulk_rows(
      lines + "INSERT OR IGNORE INTO stock_count_entry (id, business_id, session_id, task_id, item_id, location_id, "
      "bin_id, batch_number, serial_number, counted_qty, system_qty_at_count, client_entry_id, counted_by, counted_at, "
      "count_index, created_at, updated_at) SELECT t.id, ?1, ?2, t.line_task, t.item_id, " + loc +
          ", t.bin_id, t.batch_number, t.serial_number, t.counted_qty, " + system_qty +
          ", t.client_entry_id, ?3, t.counted_at, COALESCE((SELECT k.count_index FROM stock_count_task k "
          "WHERE k.id = t.line_task), 1), ?4, ?4 FROM t",
      std::move(plan.rows), fixed);
  batch.insert(batch.end(), std::make_move_iterator(inserts.begin()), std::make_move_iterator(inserts.end()));
  if (!serials.empty()) batch.push_back(serials_counted_once(ctx.principal.business_id, session_id, serials));
  // A concurrent request stored the same client_entry_id first: this line is a duplicate, not lost.
  batch.push_back({"SELECT client_entry_id FROM stock_count_entry WHERE session_id = ?1 "
                   "AND client_entry_id IN (SELECT value FROM json_each(?2)) AND id NOT IN (SELECT value FROM json_each(?3))",
                   json::array({session_id, clients.dump(), ids.dump()})});
  // The stored rows read back for the answer, unless ?return=summary (counts and duplicates only).
  if (!summary_only(ctx)) {
    batch.push_back({std::string("SELECT ") + kEntryColumns + " FROM " + kEntryFrom +
                         " WHERE e.id IN (SELECT value FROM json_each(?1)) ORDER BY e.id",
                     json::array({ids.dump()})});
  }
  return batch;
}

json record_entries(const Ctx& ctx, const std::string& session_id, EntryPlan&& plan) {
  size_t planned = plan.rows.size();
  json state = at_step(EntryStep::kWritten, {{"duplicates", std::move(plan.duplicates)},
                {"client_index", std::move(plan.client_index)}, {"planned", planned}});
  auto batch = entry_writes(ctx, session_id, std::move(plan));
  state["lost_at"] = batch.size() - (summary_only(ctx) ? 1 : 2);
  return ask_d1(std::move(batch), std::move(state));
}

json entries_recorded(const Ctx& ctx, const std::string& session_id) {
  const json& d1 = ctx.first_result();
  if (failed_on_guard(d1)) {
    return conflict("the session stopped counting, or another request counted one of these serials, while these "
                    "entries were recorded; none were");
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  size_t lost_at = static_cast<size_t>(int_or(ctx.state, "lost_at", 0));
  json duplicates = ctx.state["duplicates"];
  const json* client_index = member(ctx.state, "client_index");
  const json& lost = rows_of(d1, lost_at);
  for (const auto& row : lost) {
    std::string client = string_or(row, "client_entry_id", "");
    const json* index = client_index ? member(*client_index, client) : nullptr;
    duplicates.push_back({{"index", index ? *index : json()}, {"client_entry_id", client}});
  }
  if (summary_only(ctx)) {
    int64_t accepted = int_or(ctx.state, "planned", 0) - static_cast<int64_t>(lost.size());
    return respond_json(201, {{"session_id", session_id}, {"accepted", accepted}, {"duplicates", duplicates}});
  }
  json out_entries = json::array();
  for (const auto& row : rows_of(d1, lost_at + 1)) out_entries.push_back(entry_json(row));
  return respond_json(201, {{"session_id", session_id}, {"accepted", out_entries.size()},
                            {"duplicates", duplicates}, {"entries", out_entries}});
}

}  // namespace core::stock_count
