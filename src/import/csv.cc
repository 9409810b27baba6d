#include "import/csv.h"

namespace core::import {

namespace {

std::string trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

bool blank(const CsvRow& row) { return row.fields.size() == 1 && row.fields[0].empty() && row.problem.empty(); }

}  // namespace

CsvTable parse_csv(std::string_view text, size_t max_rows) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t i = 0, line = 1;
  bool header_done = false;
  while (i < text.size() && table.rows.size() <= max_rows) {
    CsvRow row{.line = line, .fields = {std::string()}};
    bool row_open = true;
    while (row_open) {
      std::string& field = row.fields.back();
      if (i < text.size() && text[i] == '"' && field.empty()) {  // a quoted field
        size_t opened = line;
        ++i;
        for (;;) {
          if (i >= text.size()) {
            table.problem = "a quoted field opened on line " + std::to_string(opened) + " is never closed";
            table.problem_line = opened;
            return table;
          }
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        // After the closing quote: a separator, a line end or the end; anything else is a stray quote.
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (row.problem.empty()) row.problem = "text after a closing quote (write a quote inside a field as \"\")";
          ++i;
        }
      }
      if (i >= text.size()) {
        row_open = false;
        break;
      }
      char c = text[i++];
      if (c == ',') {
        row.fields.emplace_back();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < text.size() && text[i] == '\n') ++i;
        ++line;
        row_open = false;
      } else {
        if (c == '"' && row.problem.empty()) row.problem = "a quote inside an unquoted field (quote the whole field)";
        field += c;
      }
    }
    if (blank(row)) continue;
    if (!header_done) {
      for (const auto& f : row.fields) table.header.push_back(trimmed(f));
      header_done = true;
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace core::import
