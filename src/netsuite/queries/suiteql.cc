#include "netsuite/queries/suiteql.h"

namespace core::netsuite {

namespace {

std::string key(const std::string& after) { return is_ns_id(after) ? after : "0"; }

std::string modified_since(const std::string& column, const std::string& since) {
  return column + " >= TO_DATE('" + since + "', 'YYYY-MM-DD HH24:MI:SS')";
}

}  // namespace

bool is_ns_id(const std::string& id) {
  if (id.empty() || id.size() > 18) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string locations_query(const std::string& after) {
  return "SELECT id, name, isinactive FROM location WHERE id > " + key(after) + " ORDER BY id";
}

std::string bins_query(const std::string& after) {
  return "SELECT id, binnumber, location, isinactive FROM bin WHERE id > " + key(after) + " ORDER BY id";
}

std::string items_query(const std::string& after, const std::string& since) {
  // One row per item and unit of its units type beside the base unit (none: one row with NULLs).
  return "SELECT i.id, i.itemid, i.displayname, i.class, i.averagecost, i.islotitem, i.isserialitem, i.isinactive, i.upccode, "
         "i.unitstype, u.abbreviation AS uom_code, u.unitname AS uom_name, u.conversionrate AS uom_factor FROM item i "
         "LEFT JOIN unitstypeuom u ON u.unitstype = i.unitstype AND u.baseunit = 'F' WHERE i.id > " + key(after) +
         (since.empty() ? "" : " AND " + modified_since("i.lastmodifieddate", since)) + " ORDER BY i.id, u.internalid";
}

std::string changed_items_query(const std::string& after, const std::string& since) {
  return "SELECT DISTINCT tl.item AS item FROM transactionline tl INNER JOIN transaction t ON t.id = tl.transaction "
         "WHERE " + modified_since("t.lastmodifieddate", since) + " AND tl.item > " + key(after) + " ORDER BY tl.item";
}

std::string balances_query(const std::vector<std::string>& items, const std::string& after) {
  std::string list;
  for (const auto& id : items) {
    if (is_ns_id(id)) list += (list.empty() ? "" : ", ") + id;
  }
  if (list.empty()) list = "0";
  return "SELECT b.item, b.location, b.binnumber, n.inventorynumber, b.quantityonhand FROM inventorybalance b "
         "LEFT JOIN inventorynumber n ON n.id = b.inventorynumber WHERE b.item IN (" + list + ") AND b.item > " + key(after) +
         " ORDER BY b.item, b.location, b.binnumber, b.inventorynumber";
}

std::string text_of_value(const json& row, const char* field) {
  const json* v = member(row, field);
  if (v == nullptr || v->is_null()) return "";
  return v->is_string() ? v->get<std::string>() : v->dump();
}

bool flag_of(const json& row, const char* field) {
  std::string v = text_of_value(row, field);
  return v == "T" || v == "true";
}

std::string subsidiary_query(const std::string& id) {
  return "SELECT id, name, isinactive FROM subsidiary WHERE id = " + key(id);
}

std::string account_query(const std::string& id) {
  return "SELECT id, acctnumber, fullname, accttype, isinactive FROM account WHERE id = " + key(id);
}

}  // namespace core::netsuite
