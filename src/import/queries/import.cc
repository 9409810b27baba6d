#include "import/queries/import.h"

#include "queries/business_settings.h"

#include <set>

#include "stock_count/queries/store.h"

namespace core::import {

namespace {

std::string in_list(int n) { return "IN (SELECT value FROM json_each(?" + std::to_string(n) + "))"; }

// "WITH r AS (SELECT <fields> FROM json_each(?n)) ": the chunk's rows by name.
std::string rows_cte(const RowFields& fields, int n) {
  return "WITH r AS (SELECT " + fields.select_list() + " FROM json_each(?" + std::to_string(n) + ")) ";
}

// An optional column's update: the upload's value when it names the column, else what is stored.
std::string kept_unless_given(const std::string& table, const std::string& column, const std::string& given_param,
                              const std::string& field) {
  return column + " = CASE WHEN " + given_param + " ->> '$." + field + "' THEN excluded." + column + " ELSE " + table +
         "." + column + " END";
}

Batch of(std::vector<Statement> statements) {
  Batch batch;
  batch.add_all(std::move(statements));
  return batch;
}

// The same place of an item: location, bin, lot and serial (NULL matches NULL).
constexpr const char* kSamePlace =
    "d.business_id = ?1 AND d.item_id = r.item_id AND d.location_id = r.location_id AND d.bin_id IS r.bin_id "
    "AND d.batch_number IS r.lot AND d.serial_number IS r.serial";

}  // namespace

ImportReads import_reads(const BusinessScope& business, const json& location_codes, const json& bin_codes,
                         const json& skus, const json& gtins) {
  ImportReads reads;
  std::string biz = business.sql(1);
  reads.locations = reads.batch.add({"SELECT id, code FROM locations WHERE business_id = " + biz + " AND code " + in_list(2),
                                     json::array({business.bound(), location_codes})});
  reads.zones = reads.batch.add({"SELECT z.id, z.location_id, z.code FROM zones z JOIN locations l ON l.id = z.location_id "
                                 "WHERE z.business_id = " + biz + " AND l.code " + in_list(2),
                                 json::array({business.bound(), location_codes})});
  reads.bins = reads.batch.add({"SELECT b.id, b.location_id, b.code FROM bins b JOIN locations l ON l.id = b.location_id "
                                "WHERE b.business_id = " + biz + " AND l.code " + in_list(2) + " AND b.code " + in_list(3),
                                json::array({business.bound(), location_codes, bin_codes})});
  reads.items = reads.batch.add({"SELECT id, sku, tracking, gtin FROM items WHERE business_id = " + biz + " AND sku " +
                                     in_list(2) + " UNION SELECT id, sku, tracking, gtin FROM items WHERE business_id = " +
                                     biz + " AND gtin " + in_list(3),
                                 json::array({business.bound(), skus, gtins})});
  reads.placements = reads.batch.add(
      {"SELECT d.item_id, d.location_id, d.bin_id, d.batch_number, d.serial_number FROM inventory_detail d "
       "JOIN items i ON i.id = d.item_id WHERE d.business_id = " + biz + " AND i.business_id = d.business_id AND i.sku " +
           in_list(2),
       json::array({business.bound(), skus})});
  reads.balances = reads.batch.add(
      {"SELECT ib.item_id, ib.location_id FROM inventory_balance ib JOIN items i ON i.id = ib.item_id "
       "WHERE ib.business_id = " + biz + " AND i.business_id = ib.business_id AND i.sku " + in_list(2),
       json::array({business.bound(), skus})});
  reads.settings = reads.batch.add(queries::business_settings_row(business));
  return reads;
}

const RowFields kLocationFields{"id", "code", "name", "ns_location_id", "active"};

Batch location_upserts(const std::string& business_id, const json& given, json rows) {
  return of(stock_count::bulk_rows(
      rows_cte(kLocationFields, 3) +
          "INSERT INTO locations (id, business_id, code, name, ns_location_id, active) "
          "SELECT r.id, ?1, r.code, r.name, r.ns_location_id, r.active FROM r WHERE true "
          "ON CONFLICT (business_id, code) DO UPDATE SET name = excluded.name, " +
          kept_unless_given("locations", "ns_location_id", "?2", "ns_location_id") + ", " +
          kept_unless_given("locations", "active", "?2", "active"),
      std::move(rows), json::array({business_id, given.dump()})));
}

const RowFields kZoneFields{"id", "location_id", "code"};
const RowFields kBinFields{"id", "location_id", "zone_code", "code", "active", "ns_bin_id", "walk_seq"};

BinWrites bin_writes(const std::vector<PlacedBin>& bins, const std::map<std::pair<std::string, std::string>, std::string>& zones,
                     IdMaker& ids) {
  BinWrites out;
  std::set<std::pair<std::string, std::string>> made;
  for (const auto& b : bins) {
    std::pair<std::string, std::string> zone{b.location_id, b.zone};
    if (!zones.count(zone) && made.insert(zone).second) {
      out.new_zones.push_back(kZoneFields.row({{"id", ids.next("zone")}, {"location_id", zone.first}, {"code", zone.second}}));
    }
    out.rows.push_back(kBinFields.row({{"id", ids.next("bin")}, {"location_id", b.location_id}, {"zone_code", b.zone},
                                       {"code", b.code}, {"active", b.active ? 1 : 0},
                                       {"ns_bin_id", stock_count::text_or_null(b.ns_bin_id)}, {"walk_seq", b.walk_seq}}));
  }
  return out;
}

Batch bin_upserts(const std::string& business_id, const json& given, json new_zones, json rows) {
  Batch batch;
  if (!new_zones.empty()) {
    json zones_copy = new_zones;
    batch.add_all(stock_count::bulk_rows(
        rows_cte(kZoneFields, 2) +
            "INSERT INTO zones (id, business_id, location_id, code, name, active) "
            "SELECT r.id, ?1, r.location_id, r.code, 'Zone ' || r.code, 1 FROM r WHERE true "
            "ON CONFLICT (location_id, code) DO NOTHING",
        std::move(zones_copy), json::array({business_id})));
    // Only zones this import made (a zone an admin took out of the rotation stays out).
    batch.add_all(stock_count::bulk_rows(
        rows_cte(kZoneFields, 2) +
            "INSERT INTO cycle_count_schedule (id, business_id, location_id, zone_id, position, active) "
            "SELECT 'rot_' || z.id, ?1, z.location_id, z.id, (SELECT COALESCE(MAX(c.position), 0) FROM "
            "cycle_count_schedule c WHERE c.location_id = z.location_id) + ROW_NUMBER() OVER "
            "(PARTITION BY z.location_id ORDER BY z.code), 1 FROM zones z JOIN r ON r.id = z.id "
            "WHERE z.business_id = ?1 ON CONFLICT DO NOTHING",
        std::move(new_zones), json::array({business_id})));
  }
  batch.add_all(stock_count::bulk_rows(
      rows_cte(kBinFields, 3) +
          "INSERT INTO bins (id, business_id, location_id, zone_id, code, active, ns_bin_id, walk_seq) "
          "SELECT r.id, ?1, r.location_id, z.id, r.code, r.active, r.ns_bin_id, r.walk_seq FROM r JOIN zones z ON z.location_id = r.location_id "
          "AND z.code = r.zone_code AND z.business_id = ?1 WHERE true "
          "ON CONFLICT (location_id, code) DO UPDATE SET " + kept_unless_given("bins", "zone_id", "?2", "zone") + ", " +
          kept_unless_given("bins", "active", "?2", "active") + ", " + kept_unless_given("bins", "walk_seq", "?2", "walk_seq") +
          ", ns_bin_id = COALESCE(excluded.ns_bin_id, bins.ns_bin_id)",
      std::move(rows), json::array({business_id, given.dump()})));
  return batch;
}

const RowFields kItemFields{"id", "sku", "name", "category", "brand", "avg_cost_minor", "tracking", "ns_item_id", "active",
                            "gtin", "uoms"};

Batch item_upserts(const std::string& business_id, const json& given, json rows) {
  std::string updates = "name = excluded.name";
  for (const char* column : {"category", "brand", "tracking", "ns_item_id", "active", "gtin", "uoms"}) {
    updates += ", " + kept_unless_given("items", column, "?2", column);
  }
  updates += ", " + kept_unless_given("items", "avg_cost_minor", "?2", "avg_cost");
  return of(stock_count::bulk_rows(
      rows_cte(kItemFields, 3) +
          "INSERT INTO items (id, business_id, sku, name, category, brand, avg_cost_minor, tracking, ns_item_id, active, "
          "gtin, uoms) SELECT r.id, ?1, r.sku, r.name, r.category, r.brand, r.avg_cost_minor, r.tracking, r.ns_item_id, "
          "r.active, r.gtin, r.uoms "
          "FROM r WHERE true ON CONFLICT (business_id, sku) DO UPDATE SET " + updates,
      std::move(rows), json::array({business_id, given.dump()})));
}

const RowFields kBalanceFields{"detail_id", "ledger_id", "item_id", "location_id", "bin_id", "lot", "serial", "quantity", "placed"};

Batch balance_sets(const std::string& business_id, const std::string& source, const std::string& ref_id,
                   const std::string& now, json rows) {
  const json fixed = json::array({business_id, ref_id, now, source});
  const std::string cte = rows_cte(kBalanceFields, 5);
  const std::string sql[] = {
      // The movement, from what was there before.
      cte + "INSERT INTO inventory_ledger (id, business_id, item_id, location_id, bin_id, batch_number, serial_number, "
            "quantity_change, reason, ref_type, ref_id, created_at, mirrored_at) "
            "SELECT * FROM (SELECT r.ledger_id, ?1, r.item_id, r.location_id, r.bin_id, r.lot, r.serial, r.quantity - "
            "CASE WHEN r.placed = 1 THEN (SELECT COALESCE(SUM(d.quantity), 0) FROM inventory_detail d WHERE " +
          std::string(kSamePlace) +
          ") ELSE COALESCE((SELECT ib.quantityonhand FROM inventory_balance ib WHERE ib.business_id = ?1 AND "
          "ib.item_id = r.item_id AND ib.location_id = r.location_id), 0) END AS change, ?4, ?4, ?2, ?3, ?3 "
          "FROM r) WHERE change <> 0",
      // The rows drive the lookups (CROSS JOIN keeps json_each outermost): each finds its
      // placement by index, never a scan of the business's placements per row.
      cte + ", m AS MATERIALIZED (SELECT d.id, r.quantity FROM r CROSS JOIN inventory_detail d ON " + kSamePlace +
          " WHERE r.placed = 1) UPDATE inventory_detail SET quantity = (SELECT m.quantity FROM m WHERE m.id = "
          "inventory_detail.id) WHERE id IN (SELECT id FROM m)",
      cte + "INSERT INTO inventory_detail (id, business_id, item_id, location_id, bin_id, batch_number, serial_number, "
            "quantity) SELECT r.detail_id, ?1, r.item_id, r.location_id, r.bin_id, r.lot, r.serial, r.quantity FROM r "
            "WHERE r.placed = 1 AND r.quantity > 0 AND NOT EXISTS (SELECT 1 FROM inventory_detail d WHERE " +
          kSamePlace + ")",
      cte + "DELETE FROM inventory_detail WHERE quantity = 0 AND id IN (SELECT d.id FROM r CROSS JOIN "
            "inventory_detail d ON " + kSamePlace + " WHERE r.placed = 1)",
      cte + ", t AS (SELECT item_id, location_id, MAX(placed) AS placed, SUM(quantity) AS quantity FROM r "
            "GROUP BY item_id, location_id) INSERT INTO inventory_balance (business_id, item_id, location_id, "
            "quantityonhand, updated_at) SELECT ?1, t.item_id, t.location_id, CASE WHEN t.placed = 1 THEN "
            "(SELECT COALESCE(SUM(d.quantity), 0) FROM inventory_detail d WHERE d.business_id = ?1 AND "
            "d.location_id = t.location_id AND d.item_id = t.item_id) ELSE t.quantity END, ?3 FROM t WHERE true "
            "ON CONFLICT (item_id, location_id) DO UPDATE SET quantityonhand = excluded.quantityonhand, "
            "updated_at = excluded.updated_at"};
  // Chunk by chunk, each chunk's statements in order (the movement reads what the update changes).
  std::vector<std::vector<Statement>> per_statement;
  for (const auto& s : sql) per_statement.push_back(stock_count::bulk_rows(s, rows, fixed));
  Batch batch;
  for (size_t chunk = 0; chunk < per_statement[0].size(); ++chunk) {
    for (auto& statements : per_statement) batch.add(std::move(statements[chunk]));
  }
  return batch;
}

}  // namespace core::import
