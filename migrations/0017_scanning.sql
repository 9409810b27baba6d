-- The scanner in the warehouse (issue 28; DESIGN.md "Scanning"): GS1 barcodes, packs, the walk.
-- An item's GTIN in its 14-digit form (a barcode names the item by it; one item per GTIN in a
-- business) and its units of measure beside the base unit: a JSON list [{ "code": "CASE",
-- "factor": 12000 }], factor in thousandths of the base unit (src/scan/packs.h).
ALTER TABLE items ADD COLUMN gtin TEXT CHECK (gtin IS NULL OR length(gtin) = 14);
ALTER TABLE items ADD COLUMN uoms TEXT;
CREATE UNIQUE INDEX items_gtin ON items (business_id, gtin) WHERE gtin IS NOT NULL;
-- A count keeps the label it was scanned from, and the unit it was counted in with the count in
-- that unit (thousandths); counted_qty stays the count in base units.
ALTER TABLE stock_count_entry ADD COLUMN barcode TEXT;
ALTER TABLE stock_count_entry ADD COLUMN uom TEXT;
ALTER TABLE stock_count_entry ADD COLUMN uom_qty INTEGER;
-- The order a counter walks a location's bins in; NULL: by bin code.
ALTER TABLE bins ADD COLUMN walk_seq INTEGER CHECK (walk_seq IS NULL OR walk_seq >= 0);
-- The character the business's scanners send for FNC1 instead of GS (0x1D); NULL: GS only.
ALTER TABLE business_settings ADD COLUMN gs1_separator TEXT CHECK (gs1_separator IS NULL OR length(gs1_separator) = 1);
