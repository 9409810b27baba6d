-- Migration 0004: one source of truth for delta, direction and the zero rule.
--
-- They live in the C++ core (pipeline/variance_workflow.h, stock_count/posting.h):
-- the postings preview is computed by the same code that posts. The views keep
-- only what SQL is for — joining snapshot and counted lines — and no longer
-- compute variances or what posting would create.
DROP VIEW stock_count_post_summary_v;
DROP VIEW stock_count_variance_v;

-- Snapshot against counted, per line. Lines counted but not in the snapshot
-- (stock found where none was expected) appear with expected 0.
-- counted_qty is NULL for a line nobody counted: "not counted", not zero.
CREATE VIEW stock_count_variance_v AS
SELECT s.business_id, s.session_id, s.task_id, s.item_id, s.location_id, s.bin_id,
       s.batch_number, s.serial_number, s.kind,
       SUM(s.quantity) AS expected_qty, c.counted_qty, c.entry_count, c.counter_count,
       c.system_qty_at_count
FROM stock_count_snapshot s
LEFT JOIN stock_count_counted_v c
  ON c.session_id = s.session_id AND c.item_id = s.item_id AND c.bin_key = COALESCE(s.bin_id, '')
 AND c.batch_key = COALESCE(s.batch_number, '') AND c.serial_key = COALESCE(s.serial_number, '')
GROUP BY s.business_id, s.session_id, s.item_id, COALESCE(s.bin_id, ''), COALESCE(s.batch_number, ''),
         COALESCE(s.serial_number, '')
UNION ALL
SELECT c.business_id, c.session_id, c.task_id, c.item_id, sess.location_id, c.bin_id,
       c.batch_number, c.serial_number, 'untracked' AS kind,
       0 AS expected_qty, c.counted_qty, c.entry_count, c.counter_count, c.system_qty_at_count
FROM stock_count_counted_v c
JOIN stock_count_session sess ON sess.id = c.session_id
WHERE NOT EXISTS (SELECT 1 FROM stock_count_snapshot s
                  WHERE s.session_id = c.session_id AND s.item_id = c.item_id
                    AND COALESCE(s.bin_id, '') = c.bin_key AND COALESCE(s.batch_number, '') = c.batch_key
                    AND COALESCE(s.serial_number, '') = c.serial_key);
