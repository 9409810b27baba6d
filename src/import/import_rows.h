#pragma once
// The four kinds of import (DESIGN.md "Real data in"): their columns, and each row checked on
// its own — before any read — into what the writes need. What only the database knows (does the
// location exist? is the item tracked by lot?) is checked by the handler with the reads
// (routes/import.cc), before anything is written.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "import/sheet.h"

namespace core::import {

enum class ImportKind { kLocations, kBins, kItems, kBalances };
std::optional<ImportKind> import_kind(std::string_view name);
std::string_view kind_name(ImportKind kind);

struct ImportColumn {
  std::string_view name;
  bool required;
  std::string_view example;
};
std::span<const ImportColumn> columns_of(ImportKind kind);
// The header row and one example row: GET /api/import/{kind}/template.csv.
std::string template_csv(ImportKind kind);

// An optional column the upload does not name keeps what is stored on update (and its default on
// create); a named column's empty cell is its default.
struct LocationRow {
  size_t row;
  std::string code, name, ns_location_id;
  bool active;
};
struct BinRow {
  size_t row;
  std::string location, code, zone;  // zone: given, or "" (the business's zone rule names it)
  bool active;
  std::optional<int64_t> walk_seq;   // the counter's walk order at the location; none: by code
};
struct ItemRow {
  size_t row;
  std::string sku, name, category, brand, tracking, ns_item_id;
  std::string gtin;  // 14 digits, or "" (scan/gs1.h)
  std::string uoms;  // the items.uoms column (scan/packs.h), "[]" when none
  int64_t avg_cost_minor;
  bool active;
};
// One placement (bin, lot or serial given) or an item's whole on-hand at a location (none given).
struct BalanceRow {
  size_t row;
  std::string sku, location, bin, lot, serial;
  int64_t quantity;  // thousandths
  bool placed() const { return !bin.empty() || !lot.empty() || !serial.empty(); }
};

template <typename Row>
struct Checked {
  std::vector<Row> rows;
  RowErrors errors;
};
Checked<LocationRow> check_locations(const Sheet& sheet);
Checked<BinRow> check_bins(const Sheet& sheet);
Checked<ItemRow> check_items(const Sheet& sheet);
Checked<BalanceRow> check_balances(const Sheet& sheet);

}  // namespace core::import
