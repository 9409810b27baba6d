#pragma once
// What an import reads (DESIGN.md "Real data in"): the rows of one upload, CSV (`text/csv`, a
// header row) or JSON (`{ "rows": [ { column: value } ] }`), as text by column name. Row numbers
// count from 1, the first row under a CSV header (and rows[0] of JSON).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"
#include "problem.h"

namespace core::import {

inline constexpr size_t kMaxImportRows = 10000;
// A refusal lists at most this many rows' problems (and says how many there were).
inline constexpr size_t kMaxRowErrors = 100;

struct SheetRow {
  size_t number = 0;
  std::map<std::string, std::string> cells;  // trimmed; a cell not given is absent
  std::string problem;                        // the row cannot be read at all
};

struct Sheet {
  std::set<std::string> columns;  // every column the upload names
  std::vector<SheetRow> rows;
};

// The upload's rows, or the problem+json answer (400 unreadable, 413 too many rows, 422 no rows).
struct SheetRead {
  Sheet sheet;
  std::optional<json> problem;
};
SheetRead read_sheet(std::string_view body, std::string_view content_type);

// Problems with the rows (row 0: the upload's columns). The answer lists them in row order,
// at most kMaxRowErrors, and counts them all.
struct RowErrors {
  struct Entry {
    size_t row;
    FieldError error;
  };
  std::vector<Entry> entries;
  void add(size_t row, std::string_view column, std::string message);
  void add_all(const RowErrors& other) { entries.insert(entries.end(), other.entries.begin(), other.entries.end()); }
  bool any() const { return !entries.empty(); }
  size_t total() const { return entries.size(); }
  json answer(std::string_view kind) const;  // 422 naming rows, columns and why; nothing was written
};

}  // namespace core::import
