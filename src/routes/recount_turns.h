#pragma once
// The automatic recount's turns in the scanners' route (POST /api/inventory/count; the stock-count
// module's POST /stock-count/entries keeps its own rules: two counters on a line are summed, and a
// supervisor asks for recounts; src/pipeline/recount.h): the entries' write batch also reads the first
// counts of the lines it wrote, the guardrail, the business's counters and the recount tasks these
// entries did (recount_reads); once the entries are answered, lines beyond the recount threshold get
// their recount tasks and the recounted ones are COMPLETED in one more batch (after_counts), and the
// entries' answer goes out unchanged — a counter is not told (blind).
#include <string>

#include "request.h"
#include "stock_count/entry_rows.h"

namespace core::routes {

stock_count::AlsoReads recount_reads(const Ctx& ctx, const std::string& session_id);
// `answer`: the entries' own (entries_recorded); it is what the request answers.
json after_counts(const Ctx& ctx, const std::string& session_id, json answer);
// Step kRecounted: the recount tasks' batch ran; the entries' answer.
json recounts_written(const Ctx& ctx);

}  // namespace core::routes
