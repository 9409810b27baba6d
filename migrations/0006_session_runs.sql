-- Migration 0006: long session operations go in pages.
--
-- A start (the snapshot), a retaken snapshot or a close of a session larger
-- than one page goes through the session's items in pages, one D1 batch each
-- (src/stock_count/item_pages.h). While it runs, run_kind names it and
-- run_cursor is the last item done: each page moves the cursor on only from
-- the value it read, so a page is written once, and an interrupted operation
-- resumes where it stopped.
ALTER TABLE stock_count_session ADD COLUMN run_kind TEXT CHECK (run_kind IN ('start', 'snapshot', 'close'));
ALTER TABLE stock_count_session ADD COLUMN run_cursor TEXT;

-- Pages of a location's stock walk balances in item order.
CREATE INDEX inventory_balance_location_item ON inventory_balance (business_id, location_id, item_id);
