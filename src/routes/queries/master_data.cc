#include "routes/queries/master_data.h"

namespace core::routes {

Listing locations_listing() {
  return {.from = "locations l",
          .columns = "l.id, l.code, l.name, l.active, "
                     "(SELECT COUNT(*) FROM bins b WHERE b.location_id = l.id) AS bins_count, "
                     "(SELECT json_group_array(json_object('id', z.id, 'code', z.code, 'name', z.name, "
                     "'active', z.active)) FROM zones z WHERE z.location_id = l.id) AS zones",
          .order_by = "l.code",
          .business_column = "l.business_id"};
}

Listing items_listing(const std::string& location) {
  Listing listing{.from = "items i",
                  .columns = "i.id, i.sku, i.name, i.category, i.brand, i.avg_cost_minor, i.tracking, i.gtin, i.uoms",
                  .order_by = "i.sku",
                  .business_column = "i.business_id"};
  if (!location.empty()) {
    listing.where("EXISTS (SELECT 1 FROM inventory_balance ib WHERE ib.item_id = i.id AND ib.location_id = ?)",
                  location);
  }
  return listing;
}

Listing balances_listing(bool over_committed_only) {
  Listing listing{.from = "inventory_balance b JOIN items i ON i.id = b.item_id",
                  // Available never goes below zero (migration 0007): reservations beyond on-hand
                  // are over-committed, said as such instead of hidden in a negative.
                  .columns = "b.item_id, i.sku, b.location_id, b.quantityonhand, b.reserved, "
                             "b.quantityavailable, MAX(b.reserved - b.quantityonhand, 0) AS over_committed, b.updated_at",
                  .order_by = "b.location_id, i.sku",
                  .business_column = "b.business_id"};
  if (over_committed_only) listing.where("b.reserved > b.quantityonhand AND ? = 1", 1);
  return listing;
}

Statement bin_examples(const BusinessScope& business) {
  return {"SELECT b.code, z.code AS zone FROM bins b LEFT JOIN zones z ON z.id = b.zone_id WHERE b.business_id = " +
              business.sql(1) + " ORDER BY b.code LIMIT 5",
          json::array({business.bound()})};
}

}  // namespace core::routes
