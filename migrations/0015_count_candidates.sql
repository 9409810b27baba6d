-- Counts triggered by stock (issue 27; DESIGN.md "The weekly pipeline"): an item
-- whose on-hand at a location is negative, or zero while a placement there still lists stock, is
-- a count candidate (GET /api/count-candidates; src/pipeline/count_candidates.h). The weekly tick,
-- or POST /api/count-candidates/open, opens a small CYCLE session of a location's candidates; its
-- trigger_reason says why each item is in it, and the API shows its source as "trigger" (the
-- source column's CHECK cannot be widened in place, and its rows are referenced by every count).
ALTER TABLE stock_count_session ADD COLUMN trigger_reason TEXT;
-- The candidates' first filter: the few balances at or below zero, without reading the rest.
CREATE INDEX inventory_balance_short ON inventory_balance (business_id, location_id) WHERE quantityonhand <= 0;
