#include "routes/netsuite_sync.h"

#include "netsuite/queries/sync.h"
#include "netsuite/sync_status.h"
#include "problem.h"
#include "settings.h"
#include "steps.h"
#include "turn.h"
#include "utc_time.h"

namespace core::routes {

namespace {

enum class Step { kStart, kRead, kQueued };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "queued"}; }

// A run as the API shows it: its stats spread into tables, skipped rows and deferred items.
json run_json(const json& rows) {
  if (rows.empty()) return json();
  const json& r = rows[0];
  auto stats = parse_json(string_or(r, "stats", "{}"));
  json s = stats && stats->is_object() ? *stats : json::object();
  json tables = json::object();
  for (auto phase : {netsuite::SyncPhase::kLocations, netsuite::SyncPhase::kBins, netsuite::SyncPhase::kItems,
                     netsuite::SyncPhase::kBalances}) {
    std::string name(status_name(phase));
    tables[name] = s.contains(name) && s[name].is_object() ? s[name] : json::object();
  }
  json out = {{"id", value_or_null(r, "id")}, {"kind", value_or_null(r, "kind")}, {"status", value_or_null(r, "status")},
              {"requested_by", value_or_null(r, "requested_by")}, {"since", value_or_null(r, "since")},
              {"stage", value_or_null(r, "stage")}, {"cursor", value_or_null(r, "cursor")}, {"pages", value_or_null(r, "pages")},
              {"attempts", value_or_null(r, "attempts")}, {"next_attempt_at", value_or_null(r, "next_attempt_at")},
              {"last_error", value_or_null(r, "last_error")}, {"queued_at", value_or_null(r, "queued_at")},
              {"started_at", value_or_null(r, "started_at")}, {"finished_at", value_or_null(r, "finished_at")},
              {"tables", tables},
              {"skipped_rows", s.contains("skipped_rows") ? s["skipped_rows"] : json::array()},
              {"deferred_items", s.contains("deferred_items") ? s["deferred_items"] : json::array()}};
  auto started = epoch_ms_of(string_or(r, "started_at", "")), finished = epoch_ms_of(string_or(r, "finished_at", ""));
  out["duration_ms"] = started && finished ? json(*finished - *started) : json();
  return out;
}

json status_json(const Ctx& ctx, const json& d1, const netsuite::SyncStatusReads& reads) {
  int64_t minutes = settings_of(ctx.settings).sync_minutes;
  json last = run_json(rows(d1, reads.last_finished)), done = run_json(rows(d1, reads.last_done));
  json next = json();
  if (!rows(d1, reads.connection).empty()) {
    const json& latest = rows(d1, reads.last_finished);
    auto at = latest.empty() ? std::optional<int64_t>() : epoch_ms_of(string_or(latest[0], "queued_at", ""));
    next = at ? json(iso_of_epoch_ms(*at + minutes * 60000)) : json(ctx.now);
  }
  return {{"connected", !rows(d1, reads.connection).empty()}, {"interval_minutes", minutes},
          {"on_hand_as_of", done.is_null() ? json() : done["finished_at"]}, {"next_run_at", next},
          {"current", run_json(rows(d1, reads.open_run))}, {"last", last}};
}

}  // namespace

json get_netsuite_sync(const Ctx& ctx) {
  auto reads = netsuite::sync_status_reads(ctx.principal.business());
  if (step_of<Step>(ctx.state) == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  return respond_json(200, status_json(ctx, d1, reads));
}

// { "full"?: bool } → 202 with the run (queued now, or the one already open); the business's
// PushMutexDO is woken to run it.
json post_netsuite_sync(const Ctx& ctx) {
  const auto& read = json_body(ctx, false);
  if (read.problem) return *read.problem;
  const json* full = member(read.value, "full");
  if (full && !full->is_boolean()) return unprocessable("the sync cannot be asked for", {{"full", "true or false"}});
  for (auto it = read.value.begin(); it != read.value.end(); ++it) {
    if (it.key() != "full") return unprocessable("the sync cannot be asked for", {{it.key(), "not a field of a sync request"}});
  }
  auto step = step_of<Step>(ctx.state);
  auto reads = netsuite::sync_status_reads(ctx.principal.business());
  if (step == Step::kStart) return ask_d1(reads.batch.take(), at_step(Step::kRead));
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  if (step == Step::kQueued) {
    // The status reads came after the queue's statements.
    size_t after = static_cast<size_t>(int_or(ctx.state, "written", 0));
    reads.connection = reads.connection.after(after);
    reads.open_run = reads.open_run.after(after);
    reads.last_finished = reads.last_finished.after(after);
    reads.last_done = reads.last_done.after(after);
    json answer = respond_json(202, status_json(ctx, d1, reads));
    answer["effects"] = json::array({wake_pusher_effect(ctx.principal.business_id)});
    return answer;
  }
  if (rows(d1, reads.connection).empty()) return conflict("connect NetSuite first (PUT /api/netsuite/connection)");
  const json& done = rows(d1, reads.last_done);
  std::string since = done.empty() ? "" : string_or(done[0], "queued_at", "");
  bool want_full = (full && full->get<bool>()) || since.empty();
  auto queue = netsuite::run_queue(ctx.principal.business(), make_id("sync", ctx.nonce, 0),
                                   std::string(status_name(want_full ? netsuite::SyncKind::kFull : netsuite::SyncKind::kIncremental)),
                                   ctx.principal.token_name, want_full ? "" : since, ctx.now, "{}");
  Batch batch = std::move(queue.batch);
  size_t written = batch.size();
  batch.add_all(netsuite::sync_status_reads(ctx.principal.business()).batch.take());
  return ask_d1(batch.take(), at_step(Step::kQueued, {{"written", written}}));
}

}  // namespace core::routes
