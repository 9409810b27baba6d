#pragma once
// Conditions checked inside a D1 batch (DESIGN.md "Rules that keep it right"):
// a failing guard aborts the batch, so nothing of it is written.
#include <string>

#include "turn.h"

namespace core {

// Fails the batch when the statement just before it changed no row.
Statement guard_previous_changed(std::string_view what);
// Fails the batch unless the statement just before it changed exactly `rows` rows.
Statement guard_previous_changed_rows(std::string_view what, size_t rows);
// Fails the batch unless `exists_sql` (a SELECT) returns a row.
Statement guard_exists(std::string_view what, std::string exists_sql, json params);
// True when a failed D1 result was a guard, i.e. a state conflict, not an outage.
bool failed_on_guard(const json& d1_result);

}  // namespace core
