#pragma once
// What the sync asks NetSuite (DESIGN.md "Real data in"): SuiteQL over NetSuite's own tables and
// field names, each page keyed by id (`WHERE id > :last ORDER BY id`), never by offset alone.
// Values are written into the text (SuiteQL over REST binds nothing): ids as digits only, dates in
// one format, so nothing a row holds ever becomes query text.
#include <string>
#include <vector>

#include "json_access.h"

namespace core::netsuite {

// Whether `id` is a NetSuite internal id (digits, at most 18): only such ids enter a query.
bool is_ns_id(const std::string& id);

std::string locations_query(const std::string& after);
std::string bins_query(const std::string& after);
// Every item, or (since non-empty, "YYYY-MM-DD HH24:MI:SS" UTC) those modified since.
std::string items_query(const std::string& after, const std::string& since);
// The items of inventory-affecting transactions modified since, by item.
std::string changed_items_query(const std::string& after, const std::string& since);
// The on-hand rows of `items` (ids) from item `after` on, ordered by item, with the lot or
// serial number's text.
std::string balances_query(const std::vector<std::string>& items, const std::string& after);

// A value of a SuiteQL answer's row as text (NetSuite answers text; a stand-in may answer
// numbers), "" when absent; a flag is 'T' (or true).
std::string text_of_value(const json& row, const char* field);
bool flag_of(const json& row, const char* field);

// A connection's check (POST /api/netsuite/connection/test): the subsidiary and the account
// adjustments are booked to, by internal id.
std::string subsidiary_query(const std::string& id);
std::string account_query(const std::string& id);

}  // namespace core::netsuite
