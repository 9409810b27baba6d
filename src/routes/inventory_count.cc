#include "routes/inventory_count.h"

#include <map>
#include <set>
#include <unordered_map>

#include "pipeline/count_routing.h"
#include "routes/recount_turns.h"
#include "problem.h"
#include "stock_count/entry_rows.h"
#include "stock_count/lines.h"
#include "stock_count/queries/store.h"
#include "steps.h"
#include "stock_count/lifecycle.h"

namespace core::routes {

using namespace stock_count;

namespace {


// What the entry plan of the chosen session checks against, viewed in the routing batch.
EntryLookups entry_lookups_of(const json& d1, const IngestReads& reads, const std::string& session_id) {
  EntryLookups out{rows(d1, reads.items), rows(d1, reads.bins), {}};
  for (const auto& r : rows(d1, reads.clients)) {
    if (text_of(r, "session_id") == session_id) out.seen_clients.push_back(text_of(r, "client_entry_id"));
  }
  if (reads.serials) {
    for (const auto& r : rows(d1, *reads.serials)) {
      if (text_of(r, "session_id") == session_id) out.serial_rounds.push_back(&r);
    }
  }
  return out;
}

std::vector<pipeline::ActiveSession> active_sessions(const json& rows, const json& snapshot_rows) {
  std::vector<pipeline::ActiveSession> out;
  for (const auto& r : rows) {
    auto scopes = parse_json(string_or(r, "scopes", "[]"));
    out.push_back({string_or(r, "id", ""), scope_rules_from_rows(scopes ? *scopes : json::array()), {}});
  }
  for (const auto& n : snapshot_rows) {
    for (auto& s : out) {
      if (s.id == string_or(n, "session_id", "")) s.snapshot_items.insert(string_or(n, "item_id", ""));
    }
  }
  return out;
}

// The rows whose item is known, as lines the scope rules can judge; a row's
// `zone` must exist and agree with its bin (errors listed by index).
std::vector<pipeline::CountRow> count_rows(const std::vector<CountLine>& counts, const json& d1, const IngestReads& reads,
                                          std::vector<FieldError>& errors) {
  // Rows viewed in place (the reads outlive the lines made from them).
  std::unordered_map<std::string_view, const json*> by_id, by_sku, by_gtin;
  for (const auto& item : rows(d1, reads.items)) {
    by_id[text_of(item, "id")] = &item;
    by_sku[text_of(item, "sku")] = &item;
    if (auto gtin = text_of(item, "gtin"); !gtin.empty()) by_gtin[gtin] = &item;
  }
  std::unordered_map<std::string_view, std::string_view> zone_of_bin;
  for (const auto& b : rows(d1, reads.bins)) zone_of_bin[text_of(b, "code")] = text_of(b, "zone_code");
  std::set<std::string_view> zones;
  if (reads.zones) {
    for (const auto& z : rows(d1, *reads.zones)) zones.insert(text_of(z, "code"));
  }

  std::vector<pipeline::CountRow> out;
  out.reserve(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) {
    const CountLine& c = counts[i];
    const json* item = nullptr;
    std::string_view id = c.item_id.view(), sku = c.sku.view();
    if (auto it = by_id.find(id); !id.empty() && it != by_id.end()) item = it->second;
    else if (auto at_sku = by_sku.find(sku); id.empty() && !sku.empty() && !c.item_id.present() && at_sku != by_sku.end()) {
      item = at_sku->second;
    } else if (auto at_gtin = by_gtin.find(c.gtin); !c.item_id.present() && !c.sku.present() && !c.gtin.empty() &&
               at_gtin != by_gtin.end()) {
      item = at_gtin->second;
    }
    std::string_view bin = c.bin.view(), zone = c.zone.view();
    auto bin_zone = zone_of_bin.find(bin);
    if (!zone.empty()) {
      std::string at = "counts[" + std::to_string(i) + "].zone";
      if (!zones.count(zone)) errors.push_back({at, "no zone " + std::string(zone) + " at this location"});
      else if (!bin.empty() && bin_zone != zone_of_bin.end() && bin_zone->second != zone) {
        errors.push_back({at, "bin " + std::string(bin) + " is in zone " + std::string(bin_zone->second) + ", not " +
                                  std::string(zone)});
      }
    }
    if (item == nullptr || (!bin.empty() && bin_zone == zone_of_bin.end())) continue;  // reported by the entry plan
    StockLine line{.item_id = std::string(text_of(*item, "id")), .sku = std::string(text_of(*item, "sku")),
                   .category = std::string(text_of(*item, "category")), .brand = std::string(text_of(*item, "brand")),
                   .tracking = string_or(*item, "tracking", "none"), .bin_code = std::string(bin),
                   .zone_code = std::string(bin.empty() ? zone : bin_zone->second)};
    out.push_back({i, std::move(line)});
  }
  return out;
}

std::string sku_list(const std::vector<std::string>& skus) {
  std::string out;
  for (size_t i = 0; i < skus.size() && i < 10; ++i) out += (i ? ", " : "") + skus[i];
  if (skus.size() > 10) out += " and " + std::to_string(skus.size() - 10) + " more";
  return out;
}

}  // namespace

json post_inventory_counts(const Ctx& ctx) {
  auto step = step_of<EntryStep>(ctx.state);
  // The answer comes from the write batch alone: the body is not parsed again for it.
  if (step == EntryStep::kWritten) {
    std::string session_id = string_or(ctx.state, "session_id", "");
    return after_counts(ctx, session_id, entries_recorded(ctx, session_id));
  }
  if (step == EntryStep::kRecounted) return recounts_written(ctx);
  const auto& read = count_body(ctx, "counts");
  if (read.problem) return *read.problem;
  const CountBody& body = read.body;
  std::string location(body.location_id.view());
  std::string requested(body.session_id.view());
  const std::vector<CountLine>& counts = body.lines;
  const json& d1 = ctx.first_result();

  if (step == EntryStep::kStart) {
    std::vector<FieldError> errors;
    if (location.empty()) errors.push_back({"location_id", "required"});
    if (std::string r = ctx.query_string("return"); !r.empty() && r != "entries" && r != "summary") {
      errors.push_back({"query.return", "must be entries or summary"});
    }
    if (body.session_id.wrong_type()) errors.push_back({"session_id", "must be text"});
    if (!body.list_is_array || counts.empty()) errors.push_back({"counts", "give at least one count"});
    else if (counts.size() > kMaxEntryRows) errors.push_back({"counts", "send at most " + std::to_string(kMaxEntryRows) + " rows per request"});
    if (!errors.empty()) return unprocessable("the counts cannot be recorded", errors);
    json state = at_step(EntryStep::kRoute);
    keep_reads_apart_for_barcodes(ctx, counts, state);
    return ask_d1(ingest_reads(ctx.principal.business(), location, requested, counts).batch.take(), std::move(state));
  }
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));

  if (step == EntryStep::kRoute) {
    // The same layout as the first turn's: the lines decide it, not the business.
    IngestReads reads = ingest_reads(ctx.principal.business(), location, requested, counts);
    const json& location_rows = rows(d1, reads.location);
    if (location_rows.empty()) return unprocessable("unknown location", {{"location_id", "no such location in this business"}});
    const json& sessions = rows(d1, reads.sessions);
    if (!requested.empty()) {
      if (sessions.empty()) return not_found("stock-count session");
      if (string_or(sessions[0], "location_id", "") != location) {
        return unprocessable("the session counts another location", {{"session_id", "not a session of " + location}});
      }
      if (!is_status(string_or(sessions[0], "status", ""), SessionStatus::kActive)) {
        return conflict("counts are accepted only while the session is ACTIVE; it is " + string_or(sessions[0], "status", "?"));
      }
      if (auto running = string_or(sessions[0], "run_kind", ""); !running.empty()) {
        return conflict("the session's " + running + " is still being taken; send the counts again once it finished");
      }
    }
    std::vector<FieldError> errors;
    auto lines = count_rows(counts, d1, reads, errors);
    auto routing = pipeline::route_counts(active_sessions(sessions, rows(d1, reads.expecting)), lines, requested);
    if (!routing.uncovered_skus.empty()) {
      return conflict("no ACTIVE count session at " + string_or(location_rows[0], "code", location) + " covers " +
                      sku_list(routing.uncovered_skus));
    }
    if (routing.session_id.empty()) return conflict(routing.conflict);
    errors.insert(errors.end(), routing.scope_errors.begin(), routing.scope_errors.end());
    // The entry plan of the chosen session from the same reads; the write batch's guard
    // refuses it all if the session stopped counting meanwhile.
    EntryPlan plan = plan_entries(ctx, counts, "", entry_lookups_of(d1, reads, routing.session_id), "counts");
    plan.errors.insert(plan.errors.end(), errors.begin(), errors.end());
    if (!plan.errors.empty()) return unprocessable("some counts are invalid; none were recorded", plan.errors);
    json out = record_entries(ctx, routing.session_id, std::move(plan), recount_reads(ctx, routing.session_id));
    out["state"]["session_id"] = routing.session_id;
    return out;
  }
  return problem(500, "Core state malformed", "unknown step of the count ingest");
}

}  // namespace core::routes
