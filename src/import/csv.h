#pragma once
// CSV as RFC 4180 writes it, for imports (DESIGN.md "Real data in"): a header row, then data rows;
// fields separated by commas, quoted with " when they hold a comma, a quote ("" inside) or a line
// break; lines end with CRLF or LF. A UTF-8 byte-order mark is dropped; blank lines are skipped.
#include <string>
#include <string_view>
#include <vector>

namespace core::import {

struct CsvRow {
  size_t line = 0;                  // where the row begins in the file (1 = the header's line)
  std::vector<std::string> fields;
  std::string problem;              // a quote where none may stand; empty when the row reads
};

struct CsvTable {
  std::vector<std::string> header;  // as written, trimmed of spaces
  std::vector<CsvRow> rows;
  std::string problem;              // the whole file cannot be read (an unclosed quote); else empty
  size_t problem_line = 0;
};

// Stops reading after `max_rows` data rows (the caller refuses the file as too long).
CsvTable parse_csv(std::string_view text, size_t max_rows);

// One field written for a CSV file (quoted when it must be).
std::string csv_field(std::string_view value);

}  // namespace core::import
