#include "import/sheet.h"

#include <algorithm>

#include "import/csv.h"
#include "request.h"

namespace core::import {

namespace {

std::string trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

json too_many_rows() {
  return problem(413, "Too many rows", "send at most " + std::to_string(kMaxImportRows) +
                                           " rows per request; split the file and send the parts in turn");
}

SheetRead from_csv(std::string_view body) {
  SheetRead out;
  CsvTable table = parse_csv(body, kMaxImportRows);
  if (!table.problem.empty()) {
    out.problem = bad_request("the CSV cannot be read: " + table.problem);
    return out;
  }
  if (table.rows.size() > kMaxImportRows) {
    out.problem = too_many_rows();
    return out;
  }
  std::set<std::string> seen;
  for (const auto& column : table.header) {
    if (column.empty()) {
      out.problem = unprocessable("every column of the header row needs a name", {{"header", "an empty column name"}});
      return out;
    }
    if (!seen.insert(column).second) {
      out.problem = unprocessable("a column is named twice in the header row", {{"header." + column, "named twice"}});
      return out;
    }
  }
  out.sheet.columns = seen;
  size_t number = 0;
  for (auto& row : table.rows) {
    SheetRow sheet_row{.number = ++number, .problem = row.problem};
    if (sheet_row.problem.empty() && row.fields.size() != table.header.size()) {
      sheet_row.problem = "has " + std::to_string(row.fields.size()) + " fields; the header has " +
                          std::to_string(table.header.size()) + " (line " + std::to_string(row.line) + ")";
    }
    for (size_t i = 0; i < row.fields.size() && i < table.header.size(); ++i) {
      std::string cell = trimmed(row.fields[i]);
      if (!cell.empty()) sheet_row.cells[table.header[i]] = std::move(cell);
    }
    out.sheet.rows.push_back(std::move(sheet_row));
  }
  return out;
}

// A JSON cell as the text a CSV file would hold.
std::optional<std::string> cell_text(const json& value) {
  if (value.is_string()) return trimmed(value.get_ref<const std::string&>());
  if (value.is_null()) return std::string();
  if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  if (value.is_number_float()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6f", value.get<double>());
    std::string text = buf;
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  }
  return std::nullopt;
}

SheetRead from_json(std::string_view body) {
  SheetRead out;
  auto parsed = parse_json(body);
  if (!parsed) {
    out.problem = bad_request("the request body is not valid JSON; a CSV file goes with content-type: text/csv");
    return out;
  }
  const json* rows = parsed->is_object() ? member(*parsed, "rows") : nullptr;
  if (rows == nullptr || !rows->is_array()) {
    out.problem = unprocessable("send the rows as CSV (content-type text/csv) or as { \"rows\": [ … ] }",
                                {{"rows", "expected an array of rows"}});
    return out;
  }
  if (rows->size() > kMaxImportRows) {
    out.problem = too_many_rows();
    return out;
  }
  size_t number = 0;
  for (const auto& row : *rows) {
    SheetRow sheet_row{.number = ++number};
    if (!row.is_object()) {
      sheet_row.problem = "a row is an object of column: value";
    } else {
      for (auto it = row.begin(); it != row.end(); ++it) {
        out.sheet.columns.insert(it.key());
        auto text = cell_text(it.value());
        if (!text) {
          sheet_row.problem = "column " + it.key() + " holds a list or an object";
          continue;
        }
        if (!text->empty()) sheet_row.cells[it.key()] = std::move(*text);
      }
    }
    out.sheet.rows.push_back(std::move(sheet_row));
  }
  return out;
}

}  // namespace

SheetRead read_sheet(std::string_view body, std::string_view content_type) {
  bool csv = content_type.substr(0, 8) == "text/csv";
  SheetRead out = csv ? from_csv(body) : from_json(body);
  if (!out.problem && out.sheet.rows.empty()) {
    out.problem = unprocessable("the upload has no rows", {{"rows", "give at least one row"}});
  }
  return out;
}

void RowErrors::add(size_t row, std::string_view column, std::string message) {
  std::string path = "rows[" + std::to_string(row) + "]";
  if (!column.empty()) path += "." + std::string(column);
  entries.push_back({row, {std::move(path), std::move(message)}});
}

json RowErrors::answer(std::string_view kind) const {
  std::vector<Entry> sorted = entries;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) { return a.row < b.row; });
  std::vector<FieldError> listed;
  for (size_t i = 0; i < sorted.size() && i < kMaxRowErrors; ++i) listed.push_back(sorted[i].error);
  size_t total = entries.size();
  std::string detail = std::to_string(total) + (total == 1 ? " problem" : " problems") + " in the " +
                       std::string(kind) + " upload; nothing was written";
  if (total > listed.size()) detail += " (the first " + std::to_string(listed.size()) + " are listed)";
  return unprocessable(detail, listed);
}

}  // namespace core::import
