#include "routes/import.h"

#include "queries/business_settings.h"

#include <map>
#include <set>

#include "import/import_rows.h"
#include "import/queries/import.h"
#include "steps.h"
#include "stock_count/queries/store.h"
#include "turn.h"

namespace core::routes {

namespace {

using namespace import;

// Check every row, read what the rows name, check them against it, write: nothing is written
// unless every row holds.
enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

json not_a_kind() { return not_found("import kind (locations, bins, items or balances)"); }

using Key2 = std::pair<std::string, std::string>;

json given_columns(const Sheet& sheet) {
  json given = json::object();
  for (const auto& column : sheet.columns) given[column] = true;
  return given;
}

// What the reads found, by key.
struct Found {
  std::map<std::string, std::string> location_ids;  // code → id
  std::map<Key2, std::string> zone_ids;             // (location_id, code) → id
  std::map<Key2, std::string> bin_ids;              // (location_id, code) → id
  struct Item {
    std::string id, tracking;
  };
  std::map<std::string, Item> items;                  // sku → item
  std::map<std::string, std::string> gtin_owners;     // GTIN → the sku that has it
  std::set<Key2> placed;                              // (item_id, location_id) with placements
  std::set<std::string> placements;                   // item|location|bin|lot|serial
  std::set<Key2> balances;                            // (item_id, location_id)
  import::ZoneRule zone_rule;                         // names a bin's zone when the row gives none

  static std::string place(std::string_view item, std::string_view location, std::string_view bin, std::string_view lot,
                           std::string_view serial) {
    return std::string(item) + '\x1f' + std::string(location) + '\x1f' + std::string(bin) + '\x1f' + std::string(lot) +
           '\x1f' + std::string(serial);
  }
};

Found found_in(const json& d1, const ImportReads& reads) {
  Found f;
  for (const auto& r : rows(d1, reads.locations)) f.location_ids[string_or(r, "code", "")] = string_or(r, "id", "");
  for (const auto& r : rows(d1, reads.zones)) {
    f.zone_ids[{string_or(r, "location_id", ""), string_or(r, "code", "")}] = string_or(r, "id", "");
  }
  for (const auto& r : rows(d1, reads.bins)) {
    f.bin_ids[{string_or(r, "location_id", ""), string_or(r, "code", "")}] = string_or(r, "id", "");
  }
  for (const auto& r : rows(d1, reads.items)) {
    f.items[string_or(r, "sku", "")] = {string_or(r, "id", ""), string_or(r, "tracking", "")};
    if (std::string gtin = string_or(r, "gtin", ""); !gtin.empty()) f.gtin_owners[gtin] = string_or(r, "sku", "");
  }
  for (const auto& r : rows(d1, reads.placements)) {
    std::string item = string_or(r, "item_id", ""), location = string_or(r, "location_id", "");
    f.placed.insert({item, location});
    f.placements.insert(Found::place(item, location, string_or(r, "bin_id", ""), string_or(r, "batch_number", ""),
                                     string_or(r, "serial_number", "")));
  }
  for (const auto& r : rows(d1, reads.balances)) f.balances.insert({string_or(r, "item_id", ""), string_or(r, "location_id", "")});
  f.zone_rule = queries::zone_rule_of(rows(d1, reads.settings));
  return f;
}

// The keys an upload names, for its reads.
struct Keys {
  std::set<std::string> locations, bins, skus, gtins;
  ImportReads reads(const BusinessScope& business) const {
    auto list = [](const std::set<std::string>& s) { return json(std::vector<std::string>(s.begin(), s.end())); };
    return import_reads(business, list(locations), list(bins), list(skus), list(gtins));
  }
};

// One kind's rows, checked and keyed: the same on every turn (the body is read again each turn).
struct Upload {
  ImportKind kind;
  Sheet sheet;
  Checked<LocationRow> locations;
  Checked<BinRow> bins;
  Checked<ItemRow> items;
  Checked<BalanceRow> balances;
  const RowErrors& errors() const {
    switch (kind) {
      case ImportKind::kLocations: return locations.errors;
      case ImportKind::kBins: return bins.errors;
      case ImportKind::kItems: return items.errors;
      case ImportKind::kBalances: return balances.errors;
    }
    return locations.errors;
  }
  Keys keys() const {
    Keys k;
    for (const auto& r : locations.rows) k.locations.insert(r.code);
    for (const auto& r : bins.rows) k.locations.insert(r.location), k.bins.insert(r.code);
    for (const auto& r : items.rows) {
      k.skus.insert(r.sku);
      if (!r.gtin.empty()) k.gtins.insert(r.gtin);
    }
    for (const auto& r : balances.rows) {
      k.locations.insert(r.location), k.skus.insert(r.sku);
      if (!r.bin.empty()) k.bins.insert(r.bin);
    }
    return k;
  }
};

Upload checked_upload(ImportKind kind, Sheet sheet) {
  Upload u{.kind = kind, .sheet = std::move(sheet)};
  switch (kind) {
    case ImportKind::kLocations: u.locations = check_locations(u.sheet); break;
    case ImportKind::kBins: u.bins = check_bins(u.sheet); break;
    case ImportKind::kItems: u.items = check_items(u.sheet); break;
    case ImportKind::kBalances: u.balances = check_balances(u.sheet); break;
  }
  return u;
}

// The write batch and what the answer will say, or the rows' problems.
struct Plan {
  Batch batch;
  json answer;
  RowErrors errors;
};

Plan plan_locations(const Ctx& ctx, const Upload& u, const Found& found) {
  Plan plan;
  IdMaker ids{ctx.nonce};
  json rows = json::array();
  int64_t created = 0;
  for (const auto& r : u.locations.rows) {
    created += found.location_ids.count(r.code) ? 0 : 1;
    rows.push_back(kLocationFields.row({{"id", ids.next("loc")}, {"code", r.code}, {"name", r.name},
                                        {"ns_location_id", stock_count::text_or_null(r.ns_location_id)},
                                        {"active", r.active ? 1 : 0}}));
  }
  plan.answer = {{"created", created}, {"updated", static_cast<int64_t>(u.locations.rows.size()) - created}};
  plan.batch = location_upserts(ctx.principal.business_id, given_columns(u.sheet), std::move(rows));
  return plan;
}

Plan plan_bins(const Ctx& ctx, const Upload& u, const Found& found) {
  Plan plan;
  IdMaker ids{ctx.nonce};
  std::vector<PlacedBin> bins;
  int64_t created = 0;
  for (const auto& r : u.bins.rows) {
    auto location = found.location_ids.find(r.location);
    if (location == found.location_ids.end()) {
      plan.errors.add(r.row, "location", "no location " + r.location + " (import locations first)");
      continue;
    }
    created += found.bin_ids.count({location->second, r.code}) ? 0 : 1;
    bins.push_back({location->second, r.code, r.zone.empty() ? found.zone_rule.zone_of(r.code) : r.zone, "", r.active,
                    r.walk_seq ? json(*r.walk_seq) : json()});
  }
  BinWrites writes = bin_writes(bins, found.zone_ids, ids);
  plan.answer = {{"created", created},
                 {"updated", static_cast<int64_t>(u.bins.rows.size()) - created},
                 {"zones_created", writes.new_zones.size()}};
  plan.batch = bin_upserts(ctx.principal.business_id, given_columns(u.sheet), std::move(writes.new_zones), std::move(writes.rows));
  return plan;
}

Plan plan_items(const Ctx& ctx, const Upload& u, const Found& found) {
  Plan plan;
  IdMaker ids{ctx.nonce};
  json rows = json::array();
  int64_t created = 0;
  for (const auto& r : u.items.rows) {
    if (auto owner = found.gtin_owners.find(r.gtin); !r.gtin.empty() && owner != found.gtin_owners.end() && owner->second != r.sku) {
      plan.errors.add(r.row, "gtin", "GTIN " + r.gtin + " is " + owner->second + "'s (one item per GTIN)");
      continue;
    }
    created += found.items.count(r.sku) ? 0 : 1;
    rows.push_back(kItemFields.row({{"id", ids.next("item")}, {"sku", r.sku}, {"name", r.name}, {"category", r.category},
                                    {"brand", r.brand}, {"avg_cost_minor", r.avg_cost_minor}, {"tracking", r.tracking},
                                    {"ns_item_id", stock_count::text_or_null(r.ns_item_id)}, {"active", r.active ? 1 : 0},
                                    {"gtin", stock_count::text_or_null(r.gtin)}, {"uoms", r.uoms}}));
  }
  plan.answer = {{"created", created}, {"updated", static_cast<int64_t>(u.items.rows.size()) - created}};
  plan.batch = item_upserts(ctx.principal.business_id, given_columns(u.sheet), std::move(rows));
  return plan;
}

Plan plan_balances(const Ctx& ctx, const Upload& u, const Found& found) {
  Plan plan;
  IdMaker ids{ctx.nonce};
  json rows = json::array();
  int64_t created = 0;
  // (item, location) given as plain lines and as placements: which row said which first.
  std::map<Key2, std::pair<bool, size_t>> shape;
  for (const auto& r : u.balances.rows) {
    size_t before = plan.errors.total();
    auto item = found.items.find(r.sku);
    auto location = found.location_ids.find(r.location);
    if (item == found.items.end()) plan.errors.add(r.row, "sku", "no item " + r.sku + " (import items first)");
    if (location == found.location_ids.end()) plan.errors.add(r.row, "location", "no location " + r.location + " (import locations first)");
    if (plan.errors.total() != before) continue;
    const std::string& item_id = item->second.id;
    const std::string& location_id = location->second;
    std::string bin_id;
    if (!r.bin.empty()) {
      auto bin = found.bin_ids.find({location_id, r.bin});
      if (bin == found.bin_ids.end()) {
        plan.errors.add(r.row, "bin", "no bin " + r.bin + " at " + r.location + " (import bins first)");
      } else {
        bin_id = bin->second;
      }
    }
    const std::string& tracking = item->second.tracking;
    if (tracking == "batch" && r.lot.empty()) plan.errors.add(r.row, "lot", r.sku + " is tracked by lot: give the lot");
    if (tracking == "serial" && r.serial.empty()) plan.errors.add(r.row, "serial", r.sku + " is tracked by serial: give the serial");
    if (tracking != "batch" && !r.lot.empty()) plan.errors.add(r.row, "lot", r.sku + " is not tracked by lot");
    if (tracking != "serial" && !r.serial.empty()) plan.errors.add(r.row, "serial", r.sku + " is not tracked by serial");
    Key2 pair{item_id, location_id};
    auto [first, fresh] = shape.emplace(pair, std::make_pair(r.placed(), r.row));
    if (!fresh && first->second.first != r.placed()) {
      plan.errors.add(r.row, "bin", "row " + std::to_string(first->second.second) + " gives " + r.sku + " at " + r.location +
                                        (r.placed() ? " without a bin, lot or serial" : " by bin, lot or serial") +
                                        ": give every line of an item at a location one way");
    }
    if (!r.placed() && found.placed.count(pair)) {
      plan.errors.add(r.row, "bin", r.sku + " is placed in bins at " + r.location + ": give each line's bin, lot or serial");
    }
    if (plan.errors.total() != before) continue;
    bool exists = r.placed() ? found.placements.count(Found::place(item_id, location_id, bin_id, r.lot, r.serial)) > 0
                             : found.balances.count(pair) > 0;
    created += exists ? 0 : 1;
    rows.push_back(kBalanceFields.row({{"detail_id", ids.next("det")}, {"ledger_id", ids.next("led")}, {"item_id", item_id},
                                       {"location_id", location_id}, {"bin_id", stock_count::text_or_null(bin_id)},
                                       {"lot", stock_count::text_or_null(r.lot)}, {"serial", stock_count::text_or_null(r.serial)},
                                       {"quantity", r.quantity}, {"placed", r.placed() ? 1 : 0}}));
  }
  std::string import_id = ids.next("imp");
  plan.answer = {{"created", created}, {"updated", static_cast<int64_t>(u.balances.rows.size()) - created},
                 {"import_id", import_id}};
  plan.batch = balance_sets(ctx.principal.business_id, "import", import_id, ctx.now, std::move(rows));
  return plan;
}

Plan plan_writes(const Ctx& ctx, const Upload& u, const Found& found) {
  switch (u.kind) {
    case ImportKind::kLocations: return plan_locations(ctx, u, found);
    case ImportKind::kBins: return plan_bins(ctx, u, found);
    case ImportKind::kItems: return plan_items(ctx, u, found);
    case ImportKind::kBalances: return plan_balances(ctx, u, found);
  }
  return {};
}

}  // namespace

json import_template(const Ctx& ctx) {
  auto kind = import_kind(ctx.param("kind"));
  if (!kind) return not_a_kind();
  return respond_text(200, "text/csv; charset=utf-8", template_csv(*kind));
}

json post_import(const Ctx& ctx) {
  auto kind = import_kind(ctx.param("kind"));
  if (!kind) return not_a_kind();
  auto step = step_of<Step>(ctx.state);
  if (step == Step::kWritten) {
    const json& d1 = ctx.first_result();
    if (!d1_ok(d1)) return storage_failure(d1_error(d1));
    return respond_json(200, value_or_null(ctx.state, "answer"));
  }
  std::string body = string_or(ctx.request, "body", "");
  SheetRead read = read_sheet(body, string_or(ctx.request, "content_type", ""));
  if (read.problem) return *read.problem;
  Upload upload = checked_upload(*kind, std::move(read.sheet));
  // Columns that do not fit are answered at once; a row's own problems wait for the reads, so one
  // answer names every row that needs mending.
  const RowErrors& own = upload.errors();
  if (own.any() && own.entries.front().row == 0) return own.answer(kind_name(*kind));
  ImportReads reads = upload.keys().reads(ctx.principal.business());
  if (step == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kRead));

  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  Plan plan = plan_writes(ctx, upload, found_in(d1, reads));
  plan.errors.add_all(own);
  if (plan.errors.any()) return plan.errors.answer(kind_name(*kind));
  json answer = plan.answer;
  answer["kind"] = kind_name(*kind);
  answer["rows"] = upload.sheet.rows.size();
  return ask_d1(plan.batch.take(), at_step(Step::kWritten, {{"answer", answer}}));
}

}  // namespace core::routes
