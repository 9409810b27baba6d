#pragma once
// The statements that record counts (stock_count/entry_rows.h plans them): what the lines of
// POST /stock-count/entries and of the scanners' POST /api/inventory/count are checked against,
// the entry row as one list of columns, its guarded insert, and the serial guard.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "business_scope.h"
#include "query.h"
#include "stock_count/count_lines.h"

namespace core::stock_count {

// An entry row as the plan makes it (a JSON array, cheap for 10,000 lines) and the insert reads
// it (`value ->> i AS <column>`): the columns named once, here, in order.
enum EntryColumn : size_t {
  kEntryId, kEntryTask, kEntryItem, kEntryBin, kEntryBatch, kEntrySerial, kEntryQty, kEntryClient, kEntryCountedAt,
  kEntryBarcode, kEntryUom, kEntryUomQty, kEntryColumnCount
};
inline constexpr std::array<std::string_view, kEntryColumnCount> kEntryRowColumns = {
    "id", "task_id", "item_id", "bin_id", "batch_number", "serial_number", "counted_qty", "client_entry_id",
    "counted_at", "barcode", "uom", "uom_qty"};

// The item columns a count line is checked against: the item (by id, sku or GTIN), its tracking
// and its units of measure (scan/packs.h).
inline constexpr const char* kItemColumnsOfLines = "id, sku, tracking, gtin, uoms";

// POST /stock-count/entries, before it writes: the session, the request's task, the items
// (id, sku, tracking) and bins (id, code, zone_code) the lines name, the client_entry_ids the
// session already holds, and — only when a line names a serial — the serials' count rounds.
struct EntryReads {
  Batch batch;
  Read<json> session, task, items, bins, clients;
  std::optional<Read<json>> serials;
};
EntryReads entry_reads(const BusinessScope& business, const std::string& session_id, const std::string& task_id,
                       const std::vector<CountLine>& lines);

// POST /api/inventory/count, before it routes the lines to a session: the location, the
// candidate sessions (the one named, or the location's ACTIVE ones) with their scopes, the
// items (id, sku, category, brand, tracking), the bins with their zones, which candidates
// expect which items (session_id, item_id), the client_entry_ids the candidates hold
// (session_id, client_entry_id); and only when a line needs them, the location's zones and the
// serials' count rounds.
struct IngestReads {
  Batch batch;
  Read<json> location, sessions, items, bins, expecting, clients;
  std::optional<Read<json>> zones, serials;
};
IngestReads ingest_reads(const BusinessScope& business, const std::string& location, const std::string& session,
                         const std::vector<CountLine>& lines);

// The write of a valid plan: the session's count moves on (store.h entries_change), the rows
// (kEntryRowColumns arrays, moved in) inserted where no row holds their client_entry_id yet,
// the serial guard when a row counts a serial, then `lost`: the client_entry_ids a concurrent
// request stored first, and (`read_back`) `stored`: the new entries as entry_json reads them.
struct EntryRowsWrite {
  std::string business_id, session_id, counted_by, now;
};
struct EntryWrites {
  Batch batch;
  Read<json> lost;
  std::optional<Read<json>> stored;
};
EntryWrites entry_writes(const EntryRowsWrite& write, json rows, bool read_back);

// Fails the batch when a serial of `serials` (JSON list) now holds more than one unit in the
// session's latest count round: two requests counting one serial at once.
Statement serials_counted_once(const std::string& business_id, const std::string& session_id, const json& serials);

// PATCH an entry: its count and time, by id within the business.
Statement entry_count_update(const std::string& business_id, const std::string& entry_id, int64_t counted_qty,
                             const std::string& now);
// One entry as entry_json reads it, with the item's tracking and the session's status.
Statement load_entry(const BusinessScope& business, const std::string& entry_id);

}  // namespace core::stock_count
