-- Real data in (issue 26): master data arrives by import (POST /api/import/{kind}) and, later, from
-- NetSuite. What is deactivated there stays here, inactive, because history names it.
ALTER TABLE items ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE bins ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE bins ADD COLUMN ns_bin_id TEXT;
-- `npm run bootstrap -- --name …` makes one business per name, however often it runs.
CREATE UNIQUE INDEX businesses_name ON businesses (name);
-- Placements are found by their natural key (item, location, bin, lot, serial) when an import or a
-- sync sets them.
CREATE INDEX inventory_detail_place ON inventory_detail (business_id, item_id, location_id, bin_id);
