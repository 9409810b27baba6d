#pragma once
// Results by name, never by position (DESIGN.md "Where things are"). A conversation lays out
// a D1 batch with a Batch, which hands back a typed handle for each statement; the turn that
// holds the results reads them through the same handles. A layout's statements are a function
// of what the conversation already knows (the values bound may differ), so the next turn lays
// it out again and gets the same handles — adding a read never shifts another. Each module
// keeps its statements whole and named in its query home (`<module>/queries.h`), each with the
// row type it returns.
//
//   struct ScanReads { Batch batch; Read<json> connection; Read<OutboxRow> pending; };
//   for (const OutboxRow& row : rows(d1, scan_reads(business).pending)) …
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "turn.h"

namespace core {

// Where a statement stands in its batch, and what its rows are read as: `json` (the row as
// D1 gave it), or a struct with `static Row from(const json&)`.
template <typename Row>
struct Read {
  size_t at = 0;
  // The same statement in a batch that runs `statements` others before it.
  Read after(size_t statements) const { return {at + statements}; }
};

class Batch {
 public:
  template <typename Row = json>
  Read<Row> add(Statement statement) {
    statements_.push_back(std::move(statement));
    return {statements_.size() - 1};
  }
  const std::vector<Statement>& statements() const { return statements_; }
  // The statements, moved out for the effect (the handles stay valid for the results).
  std::vector<Statement> take() { return std::move(statements_); }
  size_t size() const { return statements_.size(); }
  // Statements whose rows nobody reads (writes, guards), in order.
  void add_all(std::vector<Statement> statements) {
    for (auto& s : statements) statements_.push_back(std::move(s));
  }

 private:
  std::vector<Statement> statements_;
};

// The rows `read` returned in the batch's result `d1`.
template <typename Row>
std::vector<Row> rows(const json& d1, Read<Row> read) {
  std::vector<Row> out;
  for (const auto& row : rows_of(d1, read.at)) out.push_back(Row::from(row));
  return out;
}
inline const json& rows(const json& d1, Read<json> read) { return rows_of(d1, read.at); }

// A write batch's layout depends on what only the turn that made it knew (how many rows, which
// guards), so the turn that reads its answer cannot lay it out again: the handle rides in the
// conversation's state under a name.
template <typename Row>
void keep(json& state, const char* name, Read<Row> read) { state[name] = read.at; }
template <typename Row = json>
Read<Row> kept(const json& state, const char* name) {
  return {static_cast<size_t>(int_or(state, name, 0))};
}

// Rows bound as one JSON array of arrays (compact for thousands of rows) and read in SQL through
// json_each: their fields named once, here. A row is made by name, and SQL reads a field by name:
//   const RowFields kLines{"id", "item_id", "quantity"};
//   rows.push_back(kLines.row({{"id", id}, {"item_id", item}, {"quantity", q}}));
//   "SELECT " + kLines.sql("item_id") + … + " FROM json_each(?4)"
// A name outside the list is a mistake in our code: it traps (every row maker runs in the tests).
class RowFields {
 public:
  RowFields(std::initializer_list<std::string_view> names) : names_(names.begin(), names.end()) {}
  json row(std::initializer_list<std::pair<std::string_view, json>> values) const {
    json out = json::array();
    auto& cells = out.get_ref<json::array_t&>();
    cells.resize(names_.size());
    size_t k = 0;
    for (const auto& [name, value] : values) cells[index(name, k++)] = value;
    return out;
  }
  // The field as the SQL of a json_each row: value ->> i.
  std::string sql(std::string_view name) const { return "value ->> " + std::to_string(index(name)); }
  // Every field named: "value ->> <i> AS <name>, …", in the fields' order.
  std::string select_list() const {
    std::string out;
    for (size_t i = 0; i < names_.size(); ++i) {
      out += (i ? ", value ->> " : "value ->> ") + std::to_string(i) + " AS " + std::string(names_[i]);
    }
    return out;
  }
  const std::vector<std::string_view>& names() const { return names_; }

 private:
  // Fields are usually given in their order: `hint` is tried first.
  size_t index(std::string_view name, size_t hint = 0) const {
    if (hint < names_.size() && names_[hint] == name) return hint;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return i;
    }
    __builtin_trap();
  }
  std::vector<std::string_view> names_;
};

// Whether a statement's SQL only reads: it begins with SELECT (an INSERT, UPDATE, DELETE, or a
// WITH that may write, does not).
inline bool only_reads(std::string_view sql) {
  size_t start = sql.find_first_not_of(" \n\t");
  return start != std::string_view::npos && sql.substr(start, 6) == "SELECT";
}

}  // namespace core
