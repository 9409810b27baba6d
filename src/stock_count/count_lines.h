#pragma once
// The body of the two ingest routes — POST /api/inventory/count's "counts" and
// POST /stock-count/entries' "entries" — read straight into typed lines through
// nlohmann's SAX interface. A 10,000-line body never becomes a JSON DOM (a
// std::map per line); it is refused for what json_body() would refuse it for
// (request.h: not JSON, not an object, a text that cannot be stored).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "request.h"

namespace core::stock_count {

// One field as the request gave it: absent, null, text, or anything else.
struct LineField {
  enum class Kind : uint8_t { kAbsent, kNull, kText, kOther };
  Kind kind = Kind::kAbsent;
  std::string text;  // when kText

  bool present() const { return kind != Kind::kAbsent; }
  bool is_text() const { return kind == Kind::kText; }
  // Present and neither null nor text: "must be a string".
  bool wrong_type() const { return kind == Kind::kOther; }
  // The text, or "" when the field is anything else (as text_of reads a DOM).
  std::string_view view() const { return is_text() ? std::string_view(text) : std::string_view(); }
};

// One element of the list. An element that is not an object has no fields.
struct CountLine {
  bool is_object = true;
  LineField item_id, sku, bin, zone, batch_number, serial_number, client_entry_id, counted_at, barcode, uom;
  // counted_qty in thousandths when it is a number quantity.h accepts (absent or anything else: nullopt).
  std::optional<int64_t> qty;
  bool qty_given = false;  // the line has a counted_qty member (of any value)
  // What the line's barcode named (scan/gs1.h, read by read_barcodes): the item's GTIN (14
  // digits, "" when none), and why the barcode was refused ("" when it was not).
  std::string gtin, barcode_problem;
  // counted_qty as the line gave it in `uom` (the plan turns it into base units).
};

struct CountBody {
  LineField location_id, session_id, task_id;
  bool list_is_array = false;
  std::vector<CountLine> lines;
};

struct CountBodyRead {
  CountBody body;
  std::optional<json> problem;  // 400 / 422 as json_body() answers
};

// `list_name` is the member holding the lines: "counts" or "entries".
CountBodyRead read_count_body(std::string_view text, std::string_view list_name);

// The lines' barcodes read into their fields (scan/gs1.h): the GTIN names the item when the line
// names none, the lot and serial fill batch_number and serial_number (a line that gives them
// too must agree), the count (AI 30 / 37) is counted_qty when the line gives none, and a serial
// label without one counts 1. `separator`: the business's FNC1 substitute ('\0': GS only).
void read_barcodes(std::vector<CountLine>& lines, char separator, int reference_year);

// A line carries a barcode: its reading needs the business's separator, known once the token is
// checked — such a request's first reads are not folded into the token lookup (auth_fold.h), so
// every turn reads the lines alike. → the state member that keeps them apart (or nothing).
void keep_reads_apart_for_barcodes(const Ctx& ctx, const std::vector<CountLine>& lines, json& state);

// The request's body read once per text (kept across the turns of a conversation, as json_body()),
// its barcodes read with the business's separator in the year of ctx.now.
const CountBodyRead& count_body(const Ctx& ctx, std::string_view list_name);

}  // namespace core::stock_count
