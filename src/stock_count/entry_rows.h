#pragma once
// Count lines → validated entry rows (shared by /stock-count/entries and the
// scanners' /api/inventory/count). Every bad line is reported by its index and
// nothing is written when any line is bad.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "problem.h"
#include "request.h"
#include "steps.h"
#include "stock_count/count_lines.h"
#include "stock_count/queries/entries.h"
#include "turn.h"

namespace core::stock_count {

struct EntryPlan {
  json rows = json::array();        // arrays of queries/entries.h kEntryRowColumns
  json duplicates = json::array();  // [{ index, client_entry_id }]
  json client_index = json::object();  // client_entry_id → its line's index, for duplicates found while writing
  std::vector<FieldError> errors;
};

// What the lines are checked against, viewed in the reads: item rows (id, sku, tracking),
// bin rows (id, code), and the client_entry_ids the session already holds.
struct EntryLookups {
  const json& items;
  const json& bins;
  std::vector<std::string_view> seen_clients;
  // serial_rounds() rows of the chosen session (empty when no line names a serial), and the
  // count round of the request's task (0: each line's round comes from its snapshot task).
  std::vector<const json*> serial_rounds = {};
  int64_t task_round = 0;
};
// The steps of a request that records counts (POST /stock-count/entries, POST /api/inventory/count,
// PATCH an entry): its reads (or the ingest's routing reads), the write, the answer.
// kRecounted: the automatic recount's tasks were written after the entries (routes/recount_turns.h).
enum class EntryStep { kStart, kRead, kRoute, kWritten, kRecounted };
constexpr std::array<std::string_view, 5> step_names(EntryStep) { return {"", "read", "route", "written", "recounted"}; }

// The lookups in entry_reads()'s result `d1`.
EntryLookups entry_lookups(const json& d1, const EntryReads& reads);
// Errors name each line as <list_name>[i] ("entries" or "counts", as the request calls them).
EntryPlan plan_entries(const Ctx& ctx, const std::vector<CountLine>& entries, const std::string& task_id,
                       const EntryLookups& lookups, std::string_view list_name);
// What the write batch also reads for the route (the automatic recount's reads): given the batch,
// the state (to keep their handles in) and the ids of the entries written (a JSON list).
using AlsoReads = std::function<void(Batch& batch, json& state, const json& entry_ids)>;
// Asks for the writes of a valid plan (next step "written") …
json record_entries(const Ctx& ctx, const std::string& session_id, EntryPlan&& plan, const AlsoReads& also = {});
// … and answers 201 { session_id, accepted, duplicates, entries } once they ran.
json entries_recorded(const Ctx& ctx, const std::string& session_id);

// The most one count line may hold (thousandths): 10 million units. With at most
// kMaxEntryRows lines a request, no sum the views or the workflow make — per line,
// per session, across sessions — comes near an int64 overflow.
inline constexpr int64_t kMaxCountedQty = 10'000'000'000;
// The longest batch number, serial number or client entry id.
inline constexpr size_t kMaxCodeLength = 100;
// The longest barcode a line may carry (a GS1 symbol's text is far shorter).
inline constexpr size_t kMaxBarcodeLength = 200;
// The most lines one request may carry, on both ingest routes.
inline constexpr size_t kMaxEntryRows = 10000;

// Why a count cannot be recorded, or nullopt: negative, > 3 decimals, too large, serial ∉ {0, 1}.
std::optional<std::string> counted_qty_problem(std::optional<int64_t> qty, const std::string& tracking);

}  // namespace core::stock_count
