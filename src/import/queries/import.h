#pragma once
// The statements of an import (DESIGN.md "Real data in"): what exists of the upload's keys, and
// the upserts by natural key — location code; location + bin code; sku; sku + location + bin +
// lot/serial. Rows travel as bound JSON (query.h RowFields), 500 a statement.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "business_scope.h"
#include "query.h"
#include "request.h"

namespace core::import {

// What the database holds of an upload's keys; every kind lays out the same reads (an empty list
// reads nothing).
struct ImportReads {
  Batch batch;
  Read<json> locations;   // id, code
  Read<json> zones;       // id, location_id, code
  Read<json> bins;        // id, location_id, code
  Read<json> items;       // id, sku, tracking, gtin (of the upload's skus, and of its GTINs)
  Read<json> placements;  // item_id, location_id, bin_id, batch_number, serial_number (of the upload's items)
  Read<json> balances;    // item_id, location_id (of the upload's items)
  Read<json> settings;    // the business's settings (the zone rule)
};
// Lists as JSON arrays of text: location codes, bin codes, skus, GTINs.
ImportReads import_reads(const BusinessScope& business, const json& location_codes, const json& bin_codes,
                         const json& skus, const json& gtins);

// `given`: { column: true } for each optional column the upload names (others keep what is stored).
extern const RowFields kLocationFields;  // id, code, name, ns_location_id, active
Batch location_upserts(const std::string& business_id, const json& given, json rows);

extern const RowFields kZoneFields;      // id, location_id, code (zones new to their location)
extern const RowFields kBinFields;       // id, location_id, zone_code, code, active, ns_bin_id (null: kept)
// New zones join the end of their location's rotation (cycle_count_schedule), in code order.
Batch bin_upserts(const std::string& business_id, const json& given, json new_zones, json rows);

extern const RowFields kItemFields;  // id, sku, name, category, brand, avg_cost_minor, tracking, ns_item_id, active
Batch item_upserts(const std::string& business_id, const json& given, json rows);

// A placement (placed 1: bin, lot or serial) is set to its quantity; an item's plain line (placed
// 0) sets its on-hand at the location. Each change is a ledger row already mirrored (reason and
// ref_type `source`: "import", or "netsuite" for a sync; ref_id the import's or the sync run's id);
// the balance of an item with placements is their sum.
extern const RowFields kBalanceFields;  // detail_id, ledger_id, item_id, location_id, bin_id, lot, serial, quantity, placed
Batch balance_sets(const std::string& business_id, const std::string& source, const std::string& ref_id,
                   const std::string& now, json rows);

// Bins with their zones: the zones a location does not have yet are made (and join its rotation).
struct PlacedBin {
  std::string location_id, code, zone, ns_bin_id;
  bool active;
  json walk_seq = nullptr;  // the walk's order, or null
};
struct BinWrites {
  json new_zones = json::array(), rows = json::array();
};
// `zones`: (location_id, code) → id of the zones that exist; ids from `ids`.
BinWrites bin_writes(const std::vector<PlacedBin>& bins, const std::map<std::pair<std::string, std::string>, std::string>& zones,
                     IdMaker& ids);

}  // namespace core::import
