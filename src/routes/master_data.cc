#include "routes/master_data.h"

#include "queries/listing.h"
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
  return run_listing(ctx, listing, [](json row) {
    row["avg_cost"] = money_text(int_or(row, "avg_cost_minor", 0));
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
