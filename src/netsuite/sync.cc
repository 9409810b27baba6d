#include "netsuite/sync.h"

#include "queries/business_settings.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "import/import_rows.h"
#include "import/queries/import.h"
#include "netsuite/authorized.h"
#include "netsuite/push_outcome.h"
#include "netsuite/queries/suiteql.h"
#include "netsuite/queries/sync.h"
#include "netsuite/sync_status.h"
#include "quantity.h"
#include "request.h"
#include "scan/gs1.h"
#include "scan/packs.h"
#include "settings.h"
#include "steps.h"
#include "stock_count/queries/store.h"
#include "turn.h"
#include "utc_time.h"

namespace core::netsuite {

namespace {

// read: the first reads; queued: a run queued and read back; auth: an authentication step;
// fetched: a page's answer; list: the items a full run's on-hand walks next; page_read: what the
// page needs from D1; written: the page written; set_back: a failed page noted.
enum class SyncStep { kStart, kRead, kQueued, kAuth, kFetched, kList, kPageRead, kWritten, kSetBack };
constexpr std::array<std::string_view, 9> step_names(SyncStep) {
  return {"", "read", "queued", "auth", "fetched", "list", "page_read", "written", "set_back"};
}

constexpr int64_t kMaxCallsPerInvocation = 40;  // SuiteQL pages one invocation reads at most
constexpr int64_t kStatementsPerPage = 60;      // room a page's batches need in the D1 budget
constexpr size_t kItemsPerList = 500;           // items whose on-hand one list of pages reads
constexpr size_t kNamedSkips = 20;              // skipped rows named in the run's stats
constexpr int64_t kDayMs = 86400000;
constexpr int64_t kSinceMarginMs = 5 * 60000;

struct Turn {
  const json& input;
  json state;
  std::string business_id, now, nonce;
  int64_t now_ms = 0;
  Settings settings;

  const json& result(size_t i) const { return turn_result(input, i); }
  const json& results() const { return turn_results(input); }
  json& run() { return state["run"]; }
  AuthContext auth_context() const {
    return {business_id, state["connection"], now_ms, nonce, settings.fetch_timeout_ms};
  }
};

json done(Turn& t, json extra = json::object()) {
  json out = {{"business_id", t.business_id}, {"pages", int_or(t.state, "pages", 0)},
              {"token_cache", token_cache(member(t.state, "auth") ? t.state["auth"] : json())}};
  if (t.state.contains("run") && t.state["run"].is_object()) {
    out["run_id"] = value_or_null(t.state["run"], "id");
    out["status"] = value_or_null(t.state["run"], "status");
  }
  out.update(extra);
  return {{"done", out}};
}

json ask_batch(Turn& t, std::vector<Statement> statements, SyncStep next) {
  t.state["spent"] = int_or(t.state, "spent", 0) + static_cast<int64_t>(statements.size());
  move_to(t.state, next, "phase");
  return ask_d1(std::move(statements), t.state);
}

// This ISO week's Monday, 00:00 UTC.
int64_t week_start_ms(int64_t now_ms) {
  int64_t day = now_ms / kDayMs;
  return (day - (day + 3) % 7) * kDayMs;
}

SyncPhase phase_of(const json& run) {
  return status_from<SyncPhase>(string_or(run, "stage", "")).value_or(SyncPhase::kLocations);
}
bool incremental(const json& run) { return is_status(string_or(run, "kind", ""), SyncKind::kIncremental); }

json stats_of(const json& run) {
  auto parsed = parse_json(string_or(run, "stats", "{}"));
  return parsed && parsed->is_object() ? *parsed : json::object();
}

void tally(json& stats, SyncPhase phase, const char* what, int64_t n) {
  json& table = stats[std::string(status_name(phase))];
  if (!table.is_object()) table = json::object();
  table[what] = int_or(table, what, 0) + n;
}

void skip(json& stats, SyncPhase phase, const std::string& id, const std::string& why) {
  tally(stats, phase, "skipped", 1);
  json& named = stats["skipped_rows"];
  if (!named.is_array()) named = json::array();
  if (named.size() < kNamedSkips) named.push_back({{"table", status_name(phase)}, {"id", id}, {"why", why}});
}

// The balances phase's place: the current list of items, the last item done in it, where the
// next list starts, whether it is the last list.
json balance_cursor(const json& run) {
  auto parsed = parse_json(string_or(run, "cursor", ""));
  json c = parsed && parsed->is_object() ? *parsed : json::object();
  if (!c.contains("list") || !c["list"].is_array()) c["list"] = json::array();
  return c;
}

std::vector<std::string> id_list(const json& list) {
  std::vector<std::string> out;
  for (const auto& v : list) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}


// NetSuite ids (digits without leading zeros) in their numeric order.
bool ns_id_less(const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; }

json ask_call(Turn& t);
json next_page(Turn& t);

// Asks for the current call, through whatever authentication step comes first.
json ask_call(Turn& t) {
  NsCall call{string_or(t.state["call"], "method", ""), string_or(t.state["call"], "url", ""),
              string_or(t.state["call"], "body", ""), t.state["call"]["headers"]};
  AuthContext ctx = t.auth_context();
  AuthAsk next = authorize(t.state["auth"], ctx, {call});
  t.state["auth_step"] = static_cast<int>(next.step);
  move_to(t.state, next.step == AuthStep::kFetch ? SyncStep::kFetched : SyncStep::kAuth, "phase");
  if (next.step == AuthStep::kFetch) t.state["calls"] = int_or(t.state, "calls", 0) + 1;
  return ask(next.effects, t.state);
}

json call_page(Turn& t, const std::string& query) {
  NsCall call = suiteql_call(string_or(t.state["connection"], "base_url", ""), query);
  t.state["call"] = {{"method", call.method}, {"url", call.url}, {"body", call.body}, {"headers", call.headers}};
  t.state["reauthed"] = false;
  t.state["query"] = query;
  return ask_call(t);
}

// A page (or an authentication step) that failed: retried with backoff, or the run fails.
json set_back(Turn& t, const std::string& error, bool retryable) {
  json& run = t.run();
  int64_t attempts = int_or(run, "attempts", 0) + 1;
  bool failed = !retryable || attempts >= kMaxAttempts;
  std::string next;
  int64_t wait = 0;
  if (!failed) {
    uint32_t h = 2166136261u;
    for (char c : t.nonce + "/" + string_or(run, "id", "")) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
    wait = backoff_ms(static_cast<int>(attempts), t.settings.retry_base_ms, static_cast<double>(h) / 4294967296.0);
    next = iso_of_epoch_ms(t.now_ms + wait);
  }
  run["status"] = status_name(failed ? SyncStatus::kFailed : SyncStatus::kRunning);
  t.state["wait_ms"] = wait;
  t.state["error"] = error;
  return ask_batch(t, {run_setback(t.business_id, string_or(run, "id", ""), attempts, next, error, failed, t.now)},
                   SyncStep::kSetBack);
}

// Writes `statements` with the run's move to (phase, cursor); finished ends the run.
json write_page(Turn& t, std::vector<Statement> statements, SyncPhase phase, const std::string& cursor, const json& stats,
                bool finished) {
  json& run = t.run();
  auto advance = run_advance(t.business_id, string_or(run, "id", ""), string_or(run, "stage", ""),
                             string_or(run, "cursor", ""), std::string(status_name(phase)), cursor, stats, finished, t.now);
  for (auto& s : advance) statements.push_back(std::move(s));
  run["stage"] = status_name(phase);
  run["cursor"] = cursor;
  run["stats"] = stats.dump();
  run["attempts"] = 0;
  run["status"] = status_name(finished ? SyncStatus::kDone : SyncStatus::kRunning);
  t.state["pages"] = int_or(t.state, "pages", 0) + 1;
  return ask_batch(t, std::move(statements), SyncStep::kWritten);
}

// ── The phases' pages ────────────────────────────────────────────────────────────────────────

json on_locations(Turn& t, const json& items, bool more) {
  json stats = stats_of(t.run());
  json rows = json::array();
  IdMaker ids{t.nonce};
  std::string last = string_or(t.run(), "cursor", "");
  for (const auto& r : items) {
    std::string id = text_of_value(r, "id"), name = text_of_value(r, "name");
    last = id.empty() ? last : id;
    tally(stats, SyncPhase::kLocations, "read", 1);
    if (!is_ns_id(id)) { skip(stats, SyncPhase::kLocations, id, "not a NetSuite id"); continue; }
    if (name.empty() || name.size() > kMaxNameLength || unstorable_text(name)) {
      skip(stats, SyncPhase::kLocations, id, "a name that cannot be stored");
      continue;
    }
    rows.push_back(kNsLocationFields.row({{"id", ids.next("loc")}, {"ns_id", id}, {"name", name}, {"active", flag_of(r, "isinactive") ? 0 : 1}}));
  }
  tally(stats, SyncPhase::kLocations, "written", static_cast<int64_t>(rows.size()));
  auto statements = ns_location_upserts(t.business_id, std::move(rows));
  return more ? write_page(t, std::move(statements), SyncPhase::kLocations, last, stats, false)
              : write_page(t, std::move(statements), SyncPhase::kBins, "", stats, false);
}

json on_bins(Turn& t, const json& d1) {
  const json& items = t.state["page"]["items"];
  bool more = bool_member(t.state["page"], "more").value_or(false);
  json ns_locations = json::array();
  for (const auto& r : items) ns_locations.push_back(text_of_value(r, "location"));
  BinPageReads reads = bin_page_reads(t.business_id, ns_locations);
  std::map<std::string, std::string> location_ids;
  for (const auto& l : rows(d1, reads.locations)) location_ids[string_or(l, "ns_location_id", "")] = string_or(l, "id", "");
  std::map<std::pair<std::string, std::string>, std::string> zones;
  for (const auto& z : rows(d1, reads.zones)) zones[{string_or(z, "location_id", ""), string_or(z, "code", "")}] = string_or(z, "id", "");
  import::ZoneRule zone_rule = queries::zone_rule_of(rows(d1, reads.settings));
  json stats = stats_of(t.run());
  std::vector<import::PlacedBin> bins;
  std::string last = string_or(t.run(), "cursor", "");
  for (const auto& r : items) {
    std::string id = text_of_value(r, "id"), code = text_of_value(r, "binnumber"), location = text_of_value(r, "location");
    last = id.empty() ? last : id;
    tally(stats, SyncPhase::kBins, "read", 1);
    auto at = location_ids.find(location);
    if (!is_ns_id(id)) { skip(stats, SyncPhase::kBins, id, "not a NetSuite id"); continue; }
    if (at == location_ids.end()) { skip(stats, SyncPhase::kBins, id, "its location " + location + " is not here"); continue; }
    if (code.empty() || code.size() > 100 || unstorable_text(code)) { skip(stats, SyncPhase::kBins, id, "a bin number that cannot be stored"); continue; }
    bins.push_back({at->second, code, zone_rule.zone_of(code), id, !flag_of(r, "isinactive")});
  }
  IdMaker ids{t.nonce};
  import::BinWrites writes = import::bin_writes(bins, zones, ids);
  tally(stats, SyncPhase::kBins, "written", static_cast<int64_t>(bins.size()));
  tally(stats, SyncPhase::kBins, "zones_created", static_cast<int64_t>(writes.new_zones.size()));
  Batch batch = import::bin_upserts(t.business_id, {{"active", true}}, std::move(writes.new_zones), std::move(writes.rows));
  return more ? write_page(t, batch.take(), SyncPhase::kBins, last, stats, false)
              : write_page(t, batch.take(), SyncPhase::kItems, "", stats, false);
}

// NetSuite's average cost (text, any decimals) in minor units, rounded; nullopt when not a cost.
std::optional<int64_t> cost_minor(const std::string& text) {
  if (text.empty()) return 0;
  auto parsed = parse_json(text);
  if (!parsed || !parsed->is_number()) return std::nullopt;
  double v = parsed->get<double>();
  if (!std::isfinite(v) || v < 0 || v > 1e13) return std::nullopt;
  return static_cast<int64_t>(std::llround(v * 100));
}

// An item's units beside its base unit, from its rows of the items query (a unit NetSuite gives that
// is no unit here — a code or a rate scan/packs.h refuses — is left out); null when the item has no
// units type, so what an import gave stays.
json units_of(const std::vector<const json*>& item_rows) {
  if (text_of_value(*item_rows[0], "unitstype").empty()) return nullptr;
  std::vector<scan::Uom> units;
  for (const json* r : item_rows) {
    std::string code = text_of_value(*r, "uom_code");
    if (code.empty()) code = text_of_value(*r, "uom_name");
    std::replace(code.begin(), code.end(), ' ', '_');  // "Case of 6" → CASE_OF_6
    std::string why;
    auto one = scan::uoms_from_text(code + "=" + text_of_value(*r, "uom_factor"), why);
    if (one && one->size() == 1 && !scan::find_uom(units, (*one)[0].code) && units.size() < scan::kMaxUoms) {
      units.push_back((*one)[0]);
    }
  }
  return scan::uoms_column(units);
}

json on_items(Turn& t, const json& page, bool more) {
  json stats = stats_of(t.run());
  json rows = json::array();
  IdMaker ids{t.nonce};
  std::string last = string_or(t.run(), "cursor", "");
  std::set<std::string> page_gtins;
  // The page's rows by item (an item has a row per unit). A full page may end inside an item:
  // its rows are left to the next page, which starts after the item before it.
  std::vector<std::vector<const json*>> by_item;
  for (const auto& r : page) {
    if (by_item.empty() || text_of_value(*by_item.back()[0], "id") != text_of_value(r, "id")) by_item.emplace_back();
    by_item.back().push_back(&r);
  }
  if (more && by_item.size() > 1) by_item.pop_back();
  for (const auto& item_rows : by_item) {
    const json& r = *item_rows[0];
    std::string id = text_of_value(r, "id"), sku = text_of_value(r, "itemid");
    std::string name = text_of_value(r, "displayname");
    last = id.empty() ? last : id;
    tally(stats, SyncPhase::kItems, "read", 1);
    if (!is_ns_id(id)) { skip(stats, SyncPhase::kItems, id, "not a NetSuite id"); continue; }
    if (sku.empty() || sku.size() > 100 || unstorable_text(sku)) { skip(stats, SyncPhase::kItems, id, "an item id (sku) that cannot be stored"); continue; }
    if (name.empty() || name.size() > kMaxNameLength || unstorable_text(name)) name = sku;
    std::string category = text_of_value(r, "class");
    if (category.size() > kMaxNameLength || unstorable_text(category)) category.clear();
    auto cost = cost_minor(text_of_value(r, "averagecost"));
    if (!cost) { skip(stats, SyncPhase::kItems, id, "an average cost that is not an amount"); continue; }
    std::string tracking = flag_of(r, "isserialitem") ? "serial" : flag_of(r, "islotitem") ? "batch" : "none";
    // NetSuite's UPC code as a GTIN when it is one (check digit and all); once per page.
    auto gtin = scan::gtin14(text_of_value(r, "upccode"));
    if (gtin && !page_gtins.insert(*gtin).second) gtin.reset();
    rows.push_back(kNsItemFields.row({{"id", ids.next("item")}, {"ns_item_id", id}, {"sku", sku}, {"name", name},
                                      {"category", category}, {"avg_cost_minor", *cost}, {"tracking", tracking},
                                      {"active", flag_of(r, "isinactive") ? 0 : 1}, {"gtin", gtin ? json(*gtin) : json()},
                                      {"uoms", units_of(item_rows)}}));
  }
  tally(stats, SyncPhase::kItems, "written", static_cast<int64_t>(rows.size()));
  auto statements = ns_item_upserts(t.business_id, std::move(rows));
  return more ? write_page(t, std::move(statements), SyncPhase::kItems, last, stats, false)
              : write_page(t, std::move(statements), SyncPhase::kBalances, "", stats, false);
}

// A list of items whose on-hand to read next (from NetSuite's changed items, or this business's
// items for a full run); an empty last list ends the run.
json on_list(Turn& t, std::vector<std::string> ids, bool last) {
  json c = balance_cursor(t.run());
  json stats = stats_of(t.run());
  if (!ids.empty()) c["after"] = ids.back();
  c["last"] = last;
  c["done"] = "";
  tally(stats, SyncPhase::kBalances, "items_listed", static_cast<int64_t>(ids.size()));
  c["list"] = ids;
  bool finished = ids.empty() && last;
  return write_page(t, {}, SyncPhase::kBalances, finished ? "" : c.dump(), stats, finished);
}

json on_changed_items(Turn& t, const json& items, bool more) {
  std::vector<std::string> ids;
  for (const auto& r : items) {
    std::string id = text_of_value(r, "item");
    if (is_ns_id(id)) ids.push_back(id);
  }
  json c = balance_cursor(t.run());
  if (!more) {
    // The items a previous run left for a push to settle come along with the last list.
    json stats = stats_of(t.run());
    for (const auto& id : id_list(stats.contains("carried") ? stats["carried"] : json::array())) ids.push_back(id);
    std::sort(ids.begin(), ids.end(), ns_id_less);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  if (ids.empty() && more) {
    json stats = stats_of(t.run());
    return write_page(t, {}, SyncPhase::kBalances, c.dump(), stats, false);
  }
  return on_list(t, std::move(ids), !more);
}


json on_balances(Turn& t, const json& d1) {
  const json& page = t.state["page"];
  json c = balance_cursor(t.run());
  json stats = stats_of(t.run());
  std::vector<std::string> complete = id_list(page["complete"]);
  json ns_rows = page["rows"];
  BalancePageReads reads = balance_page_reads(t.business_id, page["complete"], page["locations"], page["bins"]);
  struct Item {
    std::string id, tracking;
  };
  std::map<std::string, Item> items;  // ns id → ours
  for (const auto& r : rows(d1, reads.items)) items[string_or(r, "ns_item_id", "")] = {string_or(r, "id", ""), string_or(r, "tracking", "")};
  std::map<std::string, std::string> locations, bins;
  for (const auto& r : rows(d1, reads.locations)) locations[string_or(r, "ns_location_id", "")] = string_or(r, "id", "");
  for (const auto& r : rows(d1, reads.bins)) bins[string_or(r, "ns_bin_id", "")] = string_or(r, "id", "");
  std::set<std::string> busy;
  for (const auto& r : rows(d1, reads.busy)) busy.insert(string_or(r, "item_id", ""));

  // NetSuite's lines as ours (the place, its quantity), and whether the item is in bins there.
  struct Line {
    std::string item_id, location_id, bin_id, lot, serial;
    int64_t quantity;
  };
  std::vector<Line> lines;
  std::set<std::pair<std::string, std::string>> placed_here;  // (item, location) given with a bin or number
  std::set<std::string> deferred;
  for (const auto& r : ns_rows) {
    std::string ns_item = text_of_value(r, "item"), ns_location = text_of_value(r, "location");
    std::string ns_bin = text_of_value(r, "binnumber"), number = text_of_value(r, "inventorynumber");
    tally(stats, SyncPhase::kBalances, "read", 1);
    auto item = items.find(ns_item);
    auto location = locations.find(ns_location);
    std::string key = ns_item + "@" + ns_location;
    if (item == items.end()) { skip(stats, SyncPhase::kBalances, key, "item " + ns_item + " is not here"); continue; }
    if (location == locations.end()) { skip(stats, SyncPhase::kBalances, key, "location " + ns_location + " is not here"); continue; }
    if (busy.count(item->second.id)) { deferred.insert(ns_item); continue; }
    std::string bin_id;
    if (!ns_bin.empty()) {
      auto bin = bins.find(ns_bin);
      if (bin == bins.end()) { skip(stats, SyncPhase::kBalances, key, "bin " + ns_bin + " is not here"); continue; }
      bin_id = bin->second;
    }
    std::string quantity_text = text_of_value(r, "quantityonhand");
    bool negative = !quantity_text.empty() && quantity_text[0] == '-';
    auto quantity = scaled_from_text(negative ? quantity_text.substr(1) : quantity_text, 3);
    if (!quantity) { skip(stats, SyncPhase::kBalances, key, "a quantity that is not a number: " + quantity_text.substr(0, 40)); continue; }
    Line line{item->second.id, location->second, bin_id, "", "", negative ? -*quantity : *quantity};
    const std::string& tracking = item->second.tracking;
    if (tracking == "serial") {
      if (number.empty() || (line.quantity != 0 && line.quantity != kQtyScale)) {
        skip(stats, SyncPhase::kBalances, key, "a serial-tracked line without a serial, or not 0 or 1");
        continue;
      }
      line.serial = number;
    } else if (tracking == "batch") {
      if (number.empty()) { skip(stats, SyncPhase::kBalances, key, "a lot-tracked line without a lot"); continue; }
      line.lot = number;
    }
    bool placed = !line.bin_id.empty() || !line.lot.empty() || !line.serial.empty();
    if (placed && line.quantity < 0) { skip(stats, SyncPhase::kBalances, key, "a negative quantity in a bin or lot"); continue; }
    if (placed) placed_here.insert({line.item_id, line.location_id});
    lines.push_back(std::move(line));
  }
  // What NetSuite no longer lists is zero here: the placements and plain balances of the page's
  // items that its lines do not name.
  std::set<std::string> named;
  auto place_key = [](const std::string& item, const std::string& location, const std::string& bin, const std::string& lot,
                      const std::string& serial) { return item + '\x1f' + location + '\x1f' + bin + '\x1f' + lot + '\x1f' + serial; };
  std::set<std::pair<std::string, std::string>> plain_named;
  json out = json::array();
  IdMaker ids{t.nonce};
  auto add = [&](const std::string& item, const std::string& location, const std::string& bin, const std::string& lot,
                 const std::string& serial, int64_t quantity, bool placed) {
    out.push_back(import::kBalanceFields.row({{"detail_id", ids.next("det")}, {"ledger_id", ids.next("led")}, {"item_id", item},
                                              {"location_id", location}, {"bin_id", stock_count::text_or_null(bin)},
                                              {"lot", stock_count::text_or_null(lot)}, {"serial", stock_count::text_or_null(serial)},
                                              {"quantity", quantity}, {"placed", placed ? 1 : 0}}));
  };
  for (const auto& l : lines) {
    bool placed = !l.bin_id.empty() || !l.lot.empty() || !l.serial.empty();
    if (!placed && placed_here.count({l.item_id, l.location_id})) {
      skip(stats, SyncPhase::kBalances, l.item_id + "@" + l.location_id, "a line without a bin beside lines in bins");
      continue;
    }
    if (placed) named.insert(place_key(l.item_id, l.location_id, l.bin_id, l.lot, l.serial));
    else plain_named.insert({l.item_id, l.location_id});
    add(l.item_id, l.location_id, l.bin_id, l.lot, l.serial, l.quantity, placed);
  }
  std::set<std::pair<std::string, std::string>> placed_local;
  for (const auto& p : rows(d1, reads.placements)) {
    std::string item = string_or(p, "item_id", ""), location = string_or(p, "location_id", "");
    if (busy.count(item)) continue;
    placed_local.insert({item, location});
    std::string key = place_key(item, location, string_or(p, "bin_id", ""), string_or(p, "batch_number", ""), string_or(p, "serial_number", ""));
    if (named.count(key)) continue;
    named.insert(key);
    add(item, location, string_or(p, "bin_id", ""), string_or(p, "batch_number", ""), string_or(p, "serial_number", ""), 0, true);
  }
  for (const auto& b : rows(d1, reads.balances)) {
    std::pair<std::string, std::string> at{string_or(b, "item_id", ""), string_or(b, "location_id", "")};
    if (busy.count(at.first) || placed_local.count(at) || placed_here.count(at) || plain_named.count(at)) continue;
    add(at.first, at.second, "", "", "", 0, false);
  }
  json synced = json::array();
  for (const auto& ns_id : complete) {
    auto item = items.find(ns_id);
    if (item != items.end() && !busy.count(item->second.id)) synced.push_back(item->second.id);
  }
  tally(stats, SyncPhase::kBalances, "items_written", static_cast<int64_t>(synced.size()));
  if (!deferred.empty()) {
    json& list = stats["deferred_items"];
    if (!list.is_array()) list = json::array();
    for (const auto& id : deferred) list.push_back(id);
  }
  Batch batch = import::balance_sets(t.business_id, "netsuite", string_or(t.run(), "id", ""), t.now, std::move(out));
  std::vector<Statement> statements = batch.take();
  statements.push_back(balances_synced(t.business_id, synced, t.now));
  bool more = bool_member(page, "more").value_or(false);
  if (more) {
    c["done"] = page["done"];
  } else {
    c["list"] = json::array();
    c["done"] = "";
  }
  bool finished = !more && bool_member(c, "last").value_or(false);
  return write_page(t, std::move(statements), SyncPhase::kBalances, finished ? "" : c.dump(), stats, finished);
}

// A page of on-hand as answered: whole items only, and what D1 must say about them.
json take_balance_page(Turn& t, const json& items, bool more) {
  json c = balance_cursor(t.run());
  std::vector<std::string> list = id_list(c["list"]);
  json kept = json::array();
  std::string last_item = items.empty() ? "" : text_of_value(items.back(), "item");
  std::string first_item = items.empty() ? "" : text_of_value(items.front(), "item");
  if (more && first_item == last_item) {
    return set_back(t, "item " + last_item + " has more than 1000 on-hand lines (bins × lots); the sync reads at most 1000 an item",
                    false);
  }
  json locations = json::array(), bins = json::array();
  std::string done = string_or(c, "done", "");
  for (const auto& r : items) {
    if (more && text_of_value(r, "item") == last_item) break;  // the next page begins with it
    kept.push_back(r);
    locations.push_back(text_of_value(r, "location"));
    if (!text_of_value(r, "binnumber").empty()) bins.push_back(text_of_value(r, "binnumber"));
  }
  // The items of the list this page completes: after `done`, up to the page's last whole item (or
  // the list's end when nothing more comes).
  std::string upto = more ? text_of_value(kept.back(), "item") : "";
  json complete = json::array();
  for (const auto& id : list) {
    if (!done.empty() && !ns_id_less(done, id)) continue;
    if (more && ns_id_less(upto, id)) continue;
    complete.push_back(id);
  }
  t.state["page"] = {{"rows", kept}, {"complete", complete}, {"locations", locations}, {"bins", bins}, {"more", more},
                     {"done", more ? upto : ""}};
  return ask_batch(t, balance_page_reads(t.business_id, complete, locations, bins).batch.take(), SyncStep::kPageRead);
}

json on_answer(Turn& t) {
  PushAnswer answer = push_answer_of(t.result(0));
  if (answer.reached && answer.status == 401 && !bool_member(t.state, "reauthed").value_or(false)) {
    t.state["reauthed"] = true;
    forget_token(t.state["auth"]);
    return ask_call(t);
  }
  if (!answer.reached) return set_back(t, "SuiteQL: " + answer.network_error, true);
  if (answer.status < 200 || answer.status >= 300) {
    bool retryable = answer.status == 401 || answer.status == 408 || answer.status == 429 || answer.status >= 500;
    return set_back(t, "SuiteQL: HTTP " + std::to_string(answer.status) + " " + netsuite_error_text(answer.status, answer.body),
                    retryable);
  }
  auto parsed = parse_json(answer.body);
  const json* items = parsed ? member(*parsed, "items") : nullptr;
  if (items == nullptr || !items->is_array()) return set_back(t, "SuiteQL: an answer without items", true);
  bool more = parsed->contains("hasMore") && (*parsed)["hasMore"].is_boolean() && (*parsed)["hasMore"].get<bool>();
  if (items->empty()) more = false;
  json& run = t.run();
  switch (phase_of(run)) {
    case SyncPhase::kLocations: return on_locations(t, *items, more);
    case SyncPhase::kBins:
      t.state["page"] = {{"items", *items}, {"more", more}};
      {
        json ns_locations = json::array();
        for (const auto& r : *items) ns_locations.push_back(text_of_value(r, "location"));
        return ask_batch(t, bin_page_reads(t.business_id, ns_locations).batch.take(), SyncStep::kPageRead);
      }
    case SyncPhase::kItems: return on_items(t, *items, more);
    case SyncPhase::kBalances:
      if (balance_cursor(run)["list"].empty()) return on_changed_items(t, *items, more);
      return take_balance_page(t, *items, more);
  }
  return done(t, {{"error", "a sync phase the core never wrote"}});
}

// The next page of the run, or a pause when this invocation has spent its budget.
json next_page(Turn& t) {
  json& run = t.run();
  if (!is_status(string_or(run, "status", ""), SyncStatus::kQueued) && !is_status(string_or(run, "status", ""), SyncStatus::kRunning)) {
    return done(t);
  }
  if (int_or(t.state, "spent", 0) + kStatementsPerPage > t.settings.statement_budget ||
      int_or(t.state, "calls", 0) >= kMaxCallsPerInvocation) {
    return done(t, {{"next_alarm_ms", 0}, {"note", "paused: this invocation's budget is spent; the run goes on at its cursor"}});
  }
  std::string cursor = string_or(run, "cursor", "");
  // Changes from a little before the last run began: NetSuite's clock is not ours, and reading an
  // item again changes nothing.
  std::string since = incremental(run)
      ? suiteql_time(iso_of_epoch_ms(epoch_ms_of(string_or(run, "since", "")).value_or(0) - kSinceMarginMs)) : "";
  switch (phase_of(run)) {
    case SyncPhase::kLocations: return call_page(t, locations_query(cursor));
    case SyncPhase::kBins: return call_page(t, bins_query(cursor));
    case SyncPhase::kItems: return call_page(t, items_query(cursor, since));
    case SyncPhase::kBalances: {
      json c = balance_cursor(run);
      if (!c["list"].empty()) return call_page(t, balances_query(id_list(c["list"]), string_or(c, "done", "")));
      if (incremental(run)) {
        if (bool_member(c, "last").value_or(false)) return on_list(t, {}, true);
        return call_page(t, changed_items_query(string_or(c, "after", ""), since));
      }
      if (bool_member(c, "last").value_or(false)) return on_list(t, {}, true);
      return ask_batch(t, item_list(t.business_id, string_or(c, "after", ""), kItemsPerList).batch.take(), SyncStep::kList);
    }
  }
  return done(t, {{"error", "a sync phase the core never wrote"}});
}

json on_read(Turn& t) {
  const json& d1 = t.result(0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  SyncReads reads = sync_reads(BusinessScope::of_business(t.business_id));
  const json& connection = rows(d1, reads.connection);
  if (connection.empty()) return done(t, {{"note", "no NetSuite connection: nothing to sync"}});
  t.state["connection"] = connection[0];
  const json& open = rows(d1, reads.open_run);
  if (!open.empty()) {
    t.state["run"] = open[0];
    int64_t next = epoch_ms_of(string_or(open[0], "next_attempt_at", "")).value_or(0);
    if (next > t.now_ms) return done(t, {{"next_alarm_ms", next - t.now_ms}});
    return next_page(t);
  }
  // None open: a business follows NetSuite once an admin asked for its first run (a mirror loaded
  // by import is never replaced unasked); then one is due every NS_SYNC_MINUTES after the last
  // began, and a full one once a week (from Monday 00:00 UTC, before the weekly tick).
  const json& last = rows(d1, reads.last_finished);
  const json& history = rows(d1, reads.done_runs);
  if (last.empty()) return done(t, {{"note", "not synced yet: POST /api/netsuite/sync starts following NetSuite"}});
  int64_t interval = t.settings.sync_minutes * 60000;
  int64_t due = epoch_ms_of(string_or(last[0], "queued_at", "")).value_or(0) + interval;
  if (due > t.now_ms) return done(t, {{"next_alarm_ms", due - t.now_ms}});
  std::string full_at = history.empty() ? "" : string_or(history[0], "full_at", "");
  std::string since = history.empty() ? "" : string_or(history[0], "since_next", "");
  bool full = full_at.empty() || since.empty() || epoch_ms_of(full_at).value_or(0) < week_start_ms(t.now_ms);
  json carried = json::array();
  if (json stats = stats_of(last[0]); stats.contains("deferred_items")) carried = stats["deferred_items"];
  RunQueue q = run_queue(BusinessScope::of_business(t.business_id), make_id("sync", t.nonce, 0),
                         std::string(status_name(full ? SyncKind::kFull : SyncKind::kIncremental)), "schedule",
                         full ? "" : since, t.now, carried.empty() ? "{}" : json({{"carried", carried}}).dump());
  return ask_batch(t, q.batch.take(), SyncStep::kQueued);
}

json on_queued(Turn& t) {
  const json& d1 = t.result(0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  RunQueue q = run_queue(BusinessScope::of_business(t.business_id), "", "", "", "", "", "");
  const json& open = rows(d1, q.open_run);
  if (open.empty()) return done(t, {{"error", "the sync run could not be queued"}, {"next_alarm_ms", 60000}});
  t.state["run"] = open[0];
  return next_page(t);
}

json on_auth(Turn& t) {
  auto step = static_cast<AuthStep>(int_or(t.state, "auth_step", 0));
  AuthContext ctx = t.auth_context();
  if (auto error = take_auth_results(t.state["auth"], step, t.results(), ctx)) return set_back(t, *error, true);
  if (step == AuthStep::kSign) {
    NsCall call{string_or(t.state["call"], "method", ""), string_or(t.state["call"], "url", ""),
                string_or(t.state["call"], "body", ""), t.state["call"]["headers"]};
    t.state["calls"] = int_or(t.state, "calls", 0) + 1;
    move_to(t.state, SyncStep::kFetched, "phase");
    return ask(signed_fetches(t.state["auth"], ctx, {call}, t.results()), t.state);
  }
  return ask_call(t);
}

json on_list_read(Turn& t) {
  const json& d1 = t.result(0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  std::vector<std::string> ids;
  for (const auto& r : rows(d1, item_list(t.business_id, "", 0).ids)) ids.push_back(string_or(r, "ns_item_id", ""));
  return on_list(t, ids, ids.size() < kItemsPerList);
}

json on_page_read(Turn& t) {
  const json& d1 = t.result(0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  return phase_of(t.run()) == SyncPhase::kBins ? on_bins(t, d1) : on_balances(t, d1);
}

json on_written(Turn& t) {
  const json& d1 = t.result(0);
  t.state.erase("page");
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  return next_page(t);
}

json on_set_back(Turn& t) {
  const json& d1 = t.result(0);
  if (!d1_ok(d1)) return done(t, {{"error", d1_error(d1)}, {"next_alarm_ms", 60000}});
  json extra = {{"error", string_or(t.state, "error", "")}};
  if (is_status(string_or(t.run(), "status", ""), SyncStatus::kRunning)) extra["next_alarm_ms"] = int_or(t.state, "wait_ms", 0);
  return done(t, extra);
}

}  // namespace

std::string suiteql_time(const std::string& iso) {
  if (iso.size() < 19) return "1970-01-01 00:00:00";
  return iso.substr(0, 10) + " " + iso.substr(11, 8);
}

json sync_turn(const json& input) {
  Turn t{input, json::object(), string_or(input, "business_id", ""), string_or(input, "now", ""),
         string_or(input, "nonce", ""), 0, settings_of(member(input, "settings") ? input["settings"] : json())};
  t.now_ms = epoch_ms_of(t.now).value_or(0);
  if (t.business_id.empty()) return {{"done", {{"error", "a sync without a business"}}}};
  const json* turn = member(input, "turn");
  const json* state = turn ? member(*turn, "state") : nullptr;
  if (state == nullptr || !state->is_object()) {
    t.state = {{"auth", json::object()}, {"pages", 0}, {"spent", 0}, {"calls", 0}};
    if (const json* cache = member(input, "token_cache"); cache && cache->is_object()) t.state["auth"]["token"] = *cache;
    return ask_batch(t, sync_reads(BusinessScope::of_business(t.business_id)).batch.take(), SyncStep::kRead);
  }
  t.state = *state;
  auto step = step_of<SyncStep>(t.state, "phase");
  if (!step) return done(t, {{"error", "a sync state the core never handed out"}});
  switch (*step) {
    case SyncStep::kStart: break;
    case SyncStep::kRead: return on_read(t);
    case SyncStep::kQueued: return on_queued(t);
    case SyncStep::kAuth: return on_auth(t);
    case SyncStep::kFetched: return on_answer(t);
    case SyncStep::kList: return on_list_read(t);
    case SyncStep::kPageRead: return on_page_read(t);
    case SyncStep::kWritten: return on_written(t);
    case SyncStep::kSetBack: return on_set_back(t);
  }
  return done(t, {{"error", "a sync state without its phase"}});
}

}  // namespace core::netsuite
