#include "stock_count/entry_rows.h"

#include <map>
#include <set>
#include <unordered_map>

#include "quantity.h"
#include "scan/packs.h"
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

EntryLookups entry_lookups(const json& d1, const EntryReads& reads) {
  EntryLookups out{rows(d1, reads.items), rows(d1, reads.bins), {}};
  for (const auto& row : rows(d1, reads.clients)) out.seen_clients.push_back(text_of(row, "client_entry_id"));
  if (reads.serials) {
    for (const auto& row : rows(d1, *reads.serials)) out.serial_rounds.push_back(&row);
  }
  const json& task = rows(d1, reads.task);
  out.task_round = task.empty() ? 0 : int_or(task[0], "count_index", 0);
  return out;
}

EntryPlan plan_entries(const Ctx& ctx, const std::vector<CountLine>& entries, const std::string& task_id,
                       const EntryLookups& lookups, std::string_view list_name) {
  // Rows viewed in place (the reads outlive the plan's making): no copy per line.
  std::unordered_map<std::string_view, const json*> by_id, by_sku, by_gtin, bin_by_code;
  for (const auto& item : lookups.items) {
    by_id[text_of(item, "id")] = &item;
    by_sku[text_of(item, "sku")] = &item;
    if (auto gtin = text_of(item, "gtin"); !gtin.empty()) by_gtin[gtin] = &item;
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
    if (e.barcode.wrong_type()) plan.errors.push_back({at("barcode"), "must be a string"});
    else if (!e.barcode_problem.empty()) plan.errors.push_back({at("barcode"), e.barcode_problem});
    if (e.item_id.is_text()) {
      auto it = by_id.find(e.item_id.view());
      if (it != by_id.end()) item = it->second;
      else plan.errors.push_back({at("item_id"), "unknown item " + e.item_id.text});
    } else if (e.sku.is_text()) {
      auto it = by_sku.find(e.sku.view());
      if (it != by_sku.end()) item = it->second;
      else plan.errors.push_back({at("sku"), "unknown sku " + e.sku.text});
    } else if (!e.gtin.empty()) {
      auto it = by_gtin.find(e.gtin);
      if (it != by_gtin.end()) item = it->second;
      else plan.errors.push_back({at("barcode"), "no item has GTIN " + e.gtin});
    } else if (e.barcode.is_text() && e.barcode_problem.empty()) {
      plan.errors.push_back({at("barcode"), "names no item (no GTIN): give sku or item_id with it"});
    } else if (!e.barcode.is_text()) {
      plan.errors.push_back({at(), "give item_id, sku or barcode"});
    }
    if (item && !e.gtin.empty() && text_of(*item, "gtin") != e.gtin) {
      plan.errors.push_back({at("barcode"), "the barcode's GTIN " + e.gtin + " is not " + std::string(text_of(*item, "sku")) + "'s"});
    }
    std::string_view tracking = item ? text_of(*item, "tracking") : std::string_view("none");
    // A count in a unit of the item (scan/packs.h) is turned into base units here, exactly.
    std::optional<int64_t> qty = e.qty;
    json uom_code, uom_qty;
    if (e.uom.wrong_type()) {
      plan.errors.push_back({at("uom"), "must be a string"});
    } else if (!e.uom.view().empty() && item) {
      auto units = scan::uoms_of_column(text_of(*item, "uoms"));
      const scan::Uom* unit = scan::find_uom(units, e.uom.view());
      if (unit == nullptr) {
        std::string known;
        for (const auto& u : units) known += (known.empty() ? "" : ", ") + u.code;
        plan.errors.push_back({at("uom"), std::string(text_of(*item, "sku")) + " has no unit " + e.uom.text +
                                              (known.empty() ? " (it is counted in base units only)" : " (it has " + known + ")")});
      } else if (qty && *qty >= 0 && *qty <= kMaxCountedQty) {  // a count out of range: counted_qty_problem says so
        if (auto base = scan::base_qty(*qty, unit->factor)) {
          uom_code = unit->code;
          uom_qty = *qty;
          qty = *base;
        } else {
          plan.errors.push_back({at("counted_qty"), "in " + unit->code + " it makes more than 3 decimals of the base unit"});
        }
      }
    }
    if (auto why = counted_qty_problem(qty, std::string(tracking.empty() ? "none" : tracking))) {
      plan.errors.push_back({at("counted_qty"), e.qty || !e.barcode.is_text() ? *why : "required: the barcode carries no count"});
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
    if (item && tracking == "serial" && qty && *qty > 0 && !e.serial_number.view().empty() &&
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
    if (e.barcode.text.size() > kMaxBarcodeLength) {
      plan.errors.push_back({at("barcode"), "at most " + std::to_string(kMaxBarcodeLength) + " characters"});
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
    if (item == nullptr || !qty) continue;
    auto text_or_null = [](const LineField& f) { return f.view().empty() ? json() : json(f.text); };
    if (!client.empty()) plan.client_index[std::string(client)] = i;
    json row = json::array();
    row.get_ref<json::array_t&>().resize(kEntryColumnCount);
    row[kEntryId] = new_id(ctx, "ent", serial++);
    row[kEntryTask] = task_id.empty() ? json() : json(task_id);
    row[kEntryItem] = text_of(*item, "id");
    row[kEntryBin] = std::move(bin_id);
    row[kEntryBatch] = text_or_null(e.batch_number);
    row[kEntrySerial] = text_or_null(e.serial_number);
    row[kEntryQty] = *qty;
    row[kEntryBarcode] = text_or_null(e.barcode);
    row[kEntryUom] = std::move(uom_code);
    row[kEntryUomQty] = std::move(uom_qty);
    row[kEntryClient] = text_or_null(e.client_entry_id);
    row[kEntryCountedAt] = std::move(counted_at);
    plan.rows.push_back(std::move(row));
  }
  return plan;
}

json record_entries(const Ctx& ctx, const std::string& session_id, EntryPlan&& plan, const AlsoReads& also) {
  size_t planned = plan.rows.size();
  json entry_ids = json::array();
  for (const auto& r : plan.rows) entry_ids.push_back(r[kEntryId]);
  json state = at_step(EntryStep::kWritten, {{"duplicates", std::move(plan.duplicates)},
                {"client_index", std::move(plan.client_index)}, {"planned", planned}});
  auto writes = entry_writes({ctx.principal.business_id, session_id, ctx.principal.token_name, ctx.now},
                             std::move(plan.rows), !summary_only(ctx));
  keep(state, "lost", writes.lost);
  if (writes.stored) keep(state, "stored", *writes.stored);
  if (also) also(writes.batch, state, entry_ids);
  return ask_d1(writes.batch.take(), std::move(state));
}

json entries_recorded(const Ctx& ctx, const std::string& session_id) {
  const json& d1 = ctx.first_result();
  if (failed_on_guard(d1)) {
    return conflict("the session stopped counting, or another request counted one of these serials, while these "
                    "entries were recorded; none were");
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  json duplicates = ctx.state["duplicates"];
  const json* client_index = member(ctx.state, "client_index");
  const json& lost = rows(d1, kept(ctx.state, "lost"));
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
  for (const auto& row : rows(d1, kept(ctx.state, "stored"))) out_entries.push_back(entry_json(row));
  return respond_json(201, {{"session_id", session_id}, {"accepted", out_entries.size()},
                            {"duplicates", duplicates}, {"entries", out_entries}});
}

}  // namespace core::stock_count
