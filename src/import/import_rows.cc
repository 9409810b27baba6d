#include "import/import_rows.h"

#include <map>

#include "import/csv.h"
#include "quantity.h"
#include "request.h"
#include "scan/gs1.h"
#include "scan/packs.h"

namespace core::import {

namespace {

constexpr ImportColumn kLocationColumns[] = {
    {"code", true, "DC1"}, {"name", true, "Main distribution centre"}, {"ns_location_id", false, "1"}, {"active", false, "true"}};
constexpr ImportColumn kBinColumns[] = {
    {"location", true, "DC1"}, {"code", true, "A-01-01"}, {"zone", false, "A"}, {"active", false, "true"},
    {"walk_seq", false, "10"}};
constexpr ImportColumn kItemColumns[] = {
    {"sku", true, "SKU-0001"},  {"name", true, "Widget, blue"}, {"category", false, "Hardware"},
    {"brand", false, "Acme"},   {"avg_cost", false, "12.50"},   {"tracking", false, "none"},
    {"ns_item_id", false, "1001"}, {"active", false, "true"}, {"gtin", false, "09501101530003"},
    {"uoms", false, "CASE=12;PALLET=480"}};
constexpr ImportColumn kBalanceColumns[] = {{"sku", true, "SKU-0001"}, {"location", true, "DC1"},
                                            {"bin", false, "A-01-01"}, {"lot", false, ""},
                                            {"serial", false, ""},     {"quantity", true, "40"}};

// Codes and skus: what a label or a scanner carries.
constexpr size_t kMaxCodeLength = 100;

// One row's cells, read with their problems noted against the row.
class Cells {
 public:
  Cells(const SheetRow& row, RowErrors& errors) : row_(row), errors_(errors) {}
  std::string text(std::string_view column, bool required, size_t max) {
    auto it = row_.cells.find(std::string(column));
    if (it == row_.cells.end()) {
      if (required) note(column, "required");
      return {};
    }
    if (auto why = unstorable_text(it->second)) {
      note(column, *why);
      return {};
    }
    if (it->second.size() > max) note(column, "at most " + std::to_string(max) + " characters");
    return it->second;
  }
  bool flag(std::string_view column) {
    std::string value = text(column, false, 10);
    if (value.empty() || value == "true" || value == "1" || value == "yes" || value == "TRUE") return true;
    if (value == "false" || value == "0" || value == "no" || value == "FALSE") return false;
    note(column, "true or false");
    return true;
  }
  std::optional<int64_t> decimal(std::string_view column, bool required, int decimals, std::string_view what) {
    std::string value = text(column, required, 40);
    if (value.empty()) return std::nullopt;
    auto scaled = scaled_from_text(value, decimals);
    if (!scaled) note(column, std::string(what));
    return scaled;
  }
  void note(std::string_view column, std::string why) { errors_.add(row_.number, column, std::move(why)); }

 private:
  const SheetRow& row_;
  RowErrors& errors_;
};

// Refuses columns this kind does not have (a misspelt optional column would otherwise be ignored
// in silence) and required columns the upload does not name; true when the rows can be read.
bool columns_fit(const Sheet& sheet, ImportKind kind, RowErrors& errors) {
  auto columns = columns_of(kind);
  for (const auto& name : sheet.columns) {
    bool known = false;
    for (const auto& c : columns) known = known || c.name == name;
    if (!known) errors.add(0, name, "not a column of " + std::string(kind_name(kind)) + " (see the template)");
  }
  for (const auto& c : columns) {
    if (c.required && !sheet.columns.count(std::string(c.name))) errors.add(0, c.name, "a required column is missing");
  }
  return !errors.any();
}

// Notes a row whose natural key an earlier row already gave.
class KeysOnce {
 public:
  void see(Cells& cells, size_t row, std::string_view column, const std::string& key, std::string_view what) {
    auto [it, fresh] = first_.emplace(key, row);
    if (!fresh) cells.note(column, std::string(what) + " is also on row " + std::to_string(it->second));
  }

 private:
  std::map<std::string, size_t> first_;
};

template <typename Row, typename ReadRow>
Checked<Row> check(const Sheet& sheet, ImportKind kind, ReadRow read_row) {
  Checked<Row> out;
  if (!columns_fit(sheet, kind, out.errors)) return out;
  KeysOnce keys;
  for (const auto& row : sheet.rows) {
    if (!row.problem.empty()) {
      out.errors.add(row.number, "", row.problem);
      continue;
    }
    Cells cells(row, out.errors);
    size_t before = out.errors.total();
    Row typed = read_row(cells, row.number, keys);
    if (out.errors.total() == before) out.rows.push_back(std::move(typed));
  }
  return out;
}

std::string key_of(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (auto p : parts) {
    key += p;
    key += '\x1f';
  }
  return key;
}

}  // namespace

std::optional<ImportKind> import_kind(std::string_view name) {
  for (auto kind : {ImportKind::kLocations, ImportKind::kBins, ImportKind::kItems, ImportKind::kBalances}) {
    if (kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view kind_name(ImportKind kind) {
  switch (kind) {
    case ImportKind::kLocations: return "locations";
    case ImportKind::kBins: return "bins";
    case ImportKind::kItems: return "items";
    case ImportKind::kBalances: return "balances";
  }
  return "";
}

std::span<const ImportColumn> columns_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::kLocations: return kLocationColumns;
    case ImportKind::kBins: return kBinColumns;
    case ImportKind::kItems: return kItemColumns;
    case ImportKind::kBalances: return kBalanceColumns;
  }
  return {};
}

std::string template_csv(ImportKind kind) {
  std::string header, example;
  for (const auto& c : columns_of(kind)) {
    header += (header.empty() ? "" : ",") + csv_field(c.name);
    example += (&c == &columns_of(kind)[0] ? "" : ",") + csv_field(c.example);
  }
  return header + "\r\n" + example + "\r\n";
}

Checked<LocationRow> check_locations(const Sheet& sheet) {
  return check<LocationRow>(sheet, ImportKind::kLocations, [](Cells& cells, size_t row, KeysOnce& keys) {
    LocationRow out{.row = row, .code = cells.text("code", true, kMaxCodeLength),
                    .name = cells.text("name", true, kMaxNameLength),
                    .ns_location_id = cells.text("ns_location_id", false, kMaxCodeLength), .active = cells.flag("active")};
    if (!out.code.empty()) keys.see(cells, row, "code", out.code, "location " + out.code);
    return out;
  });
}

Checked<BinRow> check_bins(const Sheet& sheet) {
  return check<BinRow>(sheet, ImportKind::kBins, [](Cells& cells, size_t row, KeysOnce& keys) {
    BinRow out{.row = row, .location = cells.text("location", true, kMaxCodeLength),
               .code = cells.text("code", true, kMaxCodeLength), .zone = cells.text("zone", false, kMaxCodeLength),
               .active = cells.flag("active")};
    if (auto seq = cells.decimal("walk_seq", false, 0, "a whole number, 0 or more (the walk's order)")) {
      if (*seq > 1'000'000'000) cells.note("walk_seq", "at most 1000000000");
      out.walk_seq = seq;
    }
    if (!out.code.empty()) keys.see(cells, row, "code", key_of({out.location, out.code}), "bin " + out.code + " at " + out.location);
    return out;
  });
}

Checked<ItemRow> check_items(const Sheet& sheet) {
  return check<ItemRow>(sheet, ImportKind::kItems, [](Cells& cells, size_t row, KeysOnce& keys) {
    ItemRow out{.row = row, .sku = cells.text("sku", true, kMaxCodeLength), .name = cells.text("name", true, kMaxNameLength),
                .category = cells.text("category", false, kMaxNameLength), .brand = cells.text("brand", false, kMaxNameLength),
                .tracking = cells.text("tracking", false, 10), .ns_item_id = cells.text("ns_item_id", false, kMaxCodeLength),
                .avg_cost_minor = cells.decimal("avg_cost", false, 2, "an amount such as 12.50 (at most 2 decimals, not negative)").value_or(0),
                .active = cells.flag("active")};
    if (out.tracking.empty() || out.tracking == "none") {
      out.tracking = "none";
    } else if (out.tracking == "lot" || out.tracking == "batch") {
      out.tracking = "batch";
    } else if (out.tracking != "serial") {
      cells.note("tracking", "none, lot (or batch) or serial");
    }
    if (std::string gtin = cells.text("gtin", false, 14); !gtin.empty()) {
      if (auto normal = scan::gtin14(gtin)) {
        out.gtin = *normal;
        keys.see(cells, row, "gtin", key_of({"gtin", out.gtin}), "GTIN " + out.gtin);
      } else {
        cells.note("gtin", "a GTIN-8, -12, -13 or -14 with its check digit");
      }
    }
    std::string why;
    if (auto uoms = scan::uoms_from_text(cells.text("uoms", false, 400), why)) out.uoms = scan::uoms_column(*uoms);
    else cells.note("uoms", why);
    if (!out.sku.empty()) keys.see(cells, row, "sku", out.sku, "sku " + out.sku);
    return out;
  });
}

Checked<BalanceRow> check_balances(const Sheet& sheet) {
  return check<BalanceRow>(sheet, ImportKind::kBalances, [](Cells& cells, size_t row, KeysOnce& keys) {
    BalanceRow out{.row = row, .sku = cells.text("sku", true, kMaxCodeLength), .location = cells.text("location", true, kMaxCodeLength),
                   .bin = cells.text("bin", false, kMaxCodeLength), .lot = cells.text("lot", false, kMaxCodeLength),
                   .serial = cells.text("serial", false, kMaxCodeLength),
                   .quantity = cells.decimal("quantity", true, 3, "a quantity such as 40 or 2.5 (at most 3 decimals, not negative)").value_or(0)};
    if (!out.lot.empty() && !out.serial.empty()) cells.note("serial", "a line has a lot or a serial, not both");
    if (!out.serial.empty() && out.quantity != 0 && out.quantity != kQtyScale) cells.note("quantity", "a serial's quantity is 0 or 1");
    if (!out.sku.empty() && !out.location.empty()) {
      keys.see(cells, row, "sku", key_of({out.sku, out.location, out.bin, out.lot, out.serial}),
               "this line of " + out.sku + " at " + out.location);
    }
    return out;
  });
}

}  // namespace core::import
