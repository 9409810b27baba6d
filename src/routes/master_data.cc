#include "routes/master_data.h"

#include "listing.h"
#include "quantity.h"
#include "turn.h"

namespace core::routes {

json list_locations(const Ctx& ctx) {
  Listing listing{
      .from = "locations l",
      .columns = "l.id, l.code, l.name, l.active, "
                 "(SELECT COUNT(*) FROM bins b WHERE b.location_id = l.id) AS bins_count, "
                 "(SELECT json_group_array(json_object('id', z.id, 'code', z.code, 'name', z.name, "
                 "'active', z.active)) FROM zones z WHERE z.location_id = l.id) AS zones",
      .order_by = "l.code",
      .business_column = "l.business_id"};
  return run_listing(ctx, listing, [](json row) {
    row["active"] = int_or(row, "active", 0) == 1;
    auto zones = parse_json(string_or(row, "zones", "[]"));
    row["zones"] = zones ? *zones : json::array();
    for (auto& z : row["zones"]) z["active"] = int_or(z, "active", 0) == 1;
    return row;
  });
}

json list_items(const Ctx& ctx) {
  Listing listing{.from = "items i",
                  .columns = "i.id, i.sku, i.name, i.category, i.brand, i.avg_cost_minor, i.tracking",
                  .order_by = "i.sku",
                  .business_column = "i.business_id"};
  listing.filter_equal(ctx, "sku", "i.sku");
  listing.filter_equal(ctx, "category", "i.category");
  listing.filter_equal(ctx, "brand", "i.brand");
  if (std::string location = ctx.query_string("location_id"); !location.empty()) {
    listing.where("EXISTS (SELECT 1 FROM inventory_balance ib WHERE ib.item_id = i.id AND ib.location_id = ?)",
                  location);
  }
  return run_listing(ctx, listing, [](json row) {
    row["avg_cost"] = money_text(int_or(row, "avg_cost_minor", 0));
    return row;
  });
}

json list_balances(const Ctx& ctx) {
  Listing listing{.from = "inventory_balance b JOIN items i ON i.id = b.item_id",
                  // Available never goes below zero (migration 0007): reservations beyond on-hand
                  // are over-committed, said as such instead of hidden in a negative.
                  .columns = "b.item_id, i.sku, b.location_id, b.quantityonhand, b.reserved, "
                             "b.quantityavailable, MAX(b.reserved - b.quantityonhand, 0) AS over_committed, b.updated_at",
                  .order_by = "b.location_id, i.sku",
                  .business_column = "b.business_id"};
  listing.filter_equal(ctx, "location_id", "b.location_id");
  listing.filter_equal(ctx, "item_id", "b.item_id");
  listing.filter_equal(ctx, "sku", "i.sku");
  if (ctx.query_string("over_committed") == "true") listing.where("b.reserved > b.quantityonhand AND ? = 1", 1);
  return run_listing(ctx, listing, [](json row) {
    for (const char* field : {"quantityonhand", "reserved", "quantityavailable", "over_committed"}) {
      row[field] = qty_json(int_or(row, field, 0));
    }
    return row;
  });
}

}  // namespace core::routes
