#include "routes/master_data.h"

#include "scan/gs1.h"
#include "scan/packs.h"

#include "queries/listing.h"
#include "problem.h"
#include "quantity.h"
#include "routes/queries/master_data.h"
#include "turn.h"

namespace core::routes {

json list_locations(const Ctx& ctx) {
  Listing listing = locations_listing();
  return run_listing(ctx, listing, [](json row) {
    row["active"] = int_or(row, "active", 0) == 1;
    auto zones = parse_json(string_or(row, "zones", "[]"));
    row["zones"] = zones ? *zones : json::array();
    for (auto& z : row["zones"]) z["active"] = int_or(z, "active", 0) == 1;
    return row;
  });
}

json list_items(const Ctx& ctx) {
  Listing listing = items_listing(ctx.query_string("location_id"));
  listing.filter_equal(ctx, "sku", "i.sku");
  listing.filter_equal(ctx, "category", "i.category");
  listing.filter_equal(ctx, "brand", "i.brand");
  // ?barcode=: the item a label names (any form scan/gs1.h reads; a label it cannot read names none).
  std::string barcode = ctx.query_string("barcode");
  if (!barcode.empty()) {
    auto read = scan::parse_gs1(barcode, ctx.principal.gs1_separator, scan::reference_year(ctx.now));
    if (read.problem) return unprocessable("the barcode cannot be read", {FieldError{"query.barcode", read.problem->message()}});
    if (read.read->gtin.empty()) return unprocessable("the barcode names no item", {FieldError{"query.barcode", "it carries no GTIN"}});
    listing.where("i.gtin = ?", read.read->gtin);
  }
  return run_listing(ctx, listing, [](json row) {
    row["avg_cost"] = money_text(int_or(row, "avg_cost_minor", 0));
    row["uoms"] = scan::uoms_json(scan::uoms_of_column(string_or(row, "uoms", "")));
    return row;
  });
}

json list_balances(const Ctx& ctx) {
  Listing listing = balances_listing(ctx.query_string("over_committed") == "true");
  listing.filter_equal(ctx, "location_id", "b.location_id");
  listing.filter_equal(ctx, "item_id", "b.item_id");
  listing.filter_equal(ctx, "sku", "i.sku");
  return run_listing(ctx, listing, [](json row) {
    for (const char* field : {"quantityonhand", "reserved", "quantityavailable", "over_committed"}) {
      row[field] = qty_json(int_or(row, field, 0));
    }
    return row;
  });
}

}  // namespace core::routes
