-- One vocabulary: expected_qty is the snapshot's figure everywhere (as in the session's
-- variance); the figure the system held when the line was counted is system_qty_at_count
-- (as on stock_count_entry). The answers keep expected_snapshot_qty one release.
ALTER TABLE cycle_count_variances RENAME COLUMN expected_qty TO system_qty_at_count;
ALTER TABLE cycle_count_variances RENAME COLUMN expected_snapshot_qty TO expected_qty;
