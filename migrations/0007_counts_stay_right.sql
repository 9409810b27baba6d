-- Migration 0007: counts are never lost, doubled or silently outdated (issue 23).
--
-- count_seq moves with every write of a session's entries (a new count or a
-- corrected one) in that write's own batch. The close reads it with the
-- entries it judges and changes the status only while it still holds that
-- value, so a count that lands between the close's read and its write makes
-- the close read again instead of being accepted and never judged.
ALTER TABLE stock_count_session ADD COLUMN count_seq INTEGER NOT NULL DEFAULT 0;

-- A reversing adjustment names the booked adjustment it undoes (a session
-- rejected after its adjustments were booked: PATCH …/reject {"reverse": true}).
ALTER TABLE inventory_adjustment ADD COLUMN reverses_adjustment_id TEXT REFERENCES inventory_adjustment(id);
CREATE UNIQUE INDEX inventory_adjustment_reversal ON inventory_adjustment (reverses_adjustment_id)
  WHERE reverses_adjustment_id IS NOT NULL;

-- Available never goes below zero: reserved beyond on-hand is over-committed
-- (GET /api/balances shows it as over_committed), not a negative available.
CREATE TABLE inventory_balance_next (
  business_id        TEXT NOT NULL REFERENCES businesses(id),
  item_id            TEXT NOT NULL REFERENCES items(id),
  location_id        TEXT NOT NULL REFERENCES locations(id),
  quantityonhand     INTEGER NOT NULL,
  reserved           INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  quantityavailable  INTEGER GENERATED ALWAYS AS (MAX(quantityonhand - reserved, 0)) STORED,
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (item_id, location_id)
);
INSERT INTO inventory_balance_next (business_id, item_id, location_id, quantityonhand, reserved, updated_at)
  SELECT business_id, item_id, location_id, quantityonhand, reserved, updated_at FROM inventory_balance;
DROP TABLE inventory_balance;
ALTER TABLE inventory_balance_next RENAME TO inventory_balance;
CREATE INDEX inventory_balance_business_location ON inventory_balance (business_id, location_id);
CREATE INDEX inventory_balance_location_item ON inventory_balance (business_id, location_id, item_id);

-- reflexion_log learns "reversed" (a booked adjustment undone by a rejection) and
-- "outdated" (a count another session's booked count of the same shelf overtook).
CREATE TABLE reflexion_log_next (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  tag          TEXT NOT NULL CHECK (tag IN ('auto_adjust', 'approved', 'rejected', 'confirmed', 'posted', 'push_failed',
                                            'push_dead', 'push_retried', 'reversed', 'outdated')),
  reason       TEXT NOT NULL,
  approved_by  TEXT,
  ref_type     TEXT NOT NULL,
  ref_id       TEXT NOT NULL,
  numbers      TEXT NOT NULL DEFAULT '{}',
  created_at   TEXT NOT NULL
);
INSERT INTO reflexion_log_next SELECT id, business_id, tag, reason, approved_by, ref_type, ref_id, numbers, created_at
  FROM reflexion_log;
DROP TABLE reflexion_log;
ALTER TABLE reflexion_log_next RENAME TO reflexion_log;
CREATE INDEX reflexion_log_business ON reflexion_log (business_id, created_at);
