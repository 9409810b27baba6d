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
#include <string_view>
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

// Whether a statement's SQL only reads: it begins with SELECT (an INSERT, UPDATE, DELETE, or a
// WITH that may write, does not).
inline bool only_reads(std::string_view sql) {
  size_t start = sql.find_first_not_of(" \n\t");
  return start != std::string_view::npos && sql.substr(start, 6) == "SELECT";
}

}  // namespace core
