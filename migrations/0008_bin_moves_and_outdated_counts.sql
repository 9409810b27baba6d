-- Migration 0008: stock found in another bin is a move; a count another
-- session's booking overtook is outdated (issue 23, rows 2 and 4).
--
-- A move books as an inventory_adjustment of direction TRANSFER: each line
-- moves `quantity` from bin_id to to_bin_id (two inventory_ledger rows, −q and
-- +q), and NetSuite gets it as a binTransfer record upserted by external id.
-- SQLite cannot widen a CHECK in place, so inventory_adjustment is rebuilt;
-- its two child tables are kept aside and rebuilt after it, so no row ever
-- points at a dropped parent.
CREATE TABLE inventory_adjustment_line_kept AS SELECT * FROM inventory_adjustment_line;
CREATE TABLE ns_pending_pushes_kept AS SELECT * FROM ns_pending_pushes;
DROP TABLE inventory_adjustment_line;
DROP TABLE ns_pending_pushes;

CREATE TABLE inventory_adjustment_next (
  id                      TEXT PRIMARY KEY,
  business_id             TEXT NOT NULL REFERENCES businesses(id),
  location_id             TEXT NOT NULL REFERENCES locations(id),
  session_id              TEXT REFERENCES stock_count_session(id),
  proposed_action_id      TEXT REFERENCES proposed_actions(id),
  direction               TEXT NOT NULL CHECK (direction IN ('INCREASE', 'DECREASE', 'TRANSFER')),
  reason                  TEXT NOT NULL,
  idempotency_key         TEXT NOT NULL,
  created_by              TEXT NOT NULL,
  created_at              TEXT NOT NULL,
  reverses_adjustment_id  TEXT REFERENCES inventory_adjustment_next(id),
  UNIQUE (business_id, idempotency_key)
);
INSERT INTO inventory_adjustment_next (id, business_id, location_id, session_id, proposed_action_id, direction, reason,
                                       idempotency_key, created_by, created_at, reverses_adjustment_id)
  SELECT id, business_id, location_id, session_id, proposed_action_id, direction, reason, idempotency_key, created_by,
         created_at, reverses_adjustment_id FROM inventory_adjustment;
DROP TABLE inventory_adjustment;
ALTER TABLE inventory_adjustment_next RENAME TO inventory_adjustment;
CREATE INDEX inventory_adjustment_session ON inventory_adjustment (business_id, session_id);
CREATE UNIQUE INDEX inventory_adjustment_reversal ON inventory_adjustment (reverses_adjustment_id)
  WHERE reverses_adjustment_id IS NOT NULL;

-- to_bin_id: where a TRANSFER line's quantity went (NULL on INCREASE / DECREASE lines).
CREATE TABLE inventory_adjustment_line (
  id               TEXT PRIMARY KEY,
  business_id      TEXT NOT NULL REFERENCES businesses(id),
  adjustment_id    TEXT NOT NULL REFERENCES inventory_adjustment(id),
  item_id          TEXT NOT NULL REFERENCES items(id),
  bin_id           TEXT REFERENCES bins(id),
  batch_number     TEXT,
  serial_number    TEXT,
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_minor  INTEGER NOT NULL,
  to_bin_id        TEXT REFERENCES bins(id)
);
INSERT INTO inventory_adjustment_line (id, business_id, adjustment_id, item_id, bin_id, batch_number, serial_number,
                                       quantity, unit_cost_minor)
  SELECT id, business_id, adjustment_id, item_id, bin_id, batch_number, serial_number, quantity, unit_cost_minor
  FROM inventory_adjustment_line_kept;
DROP TABLE inventory_adjustment_line_kept;
CREATE INDEX inventory_adjustment_line_adjustment ON inventory_adjustment_line (adjustment_id);
-- A close asks, per counted shelf, whether another session booked on it after the count.
CREATE INDEX inventory_adjustment_line_item ON inventory_adjustment_line (business_id, item_id);

CREATE TABLE ns_pending_pushes (
  id               TEXT PRIMARY KEY,
  business_id      TEXT NOT NULL REFERENCES businesses(id),
  adjustment_id    TEXT NOT NULL UNIQUE REFERENCES inventory_adjustment(id),
  external_id      TEXT NOT NULL UNIQUE,
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'in_flight', 'done', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_until      TEXT,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  ns_internal_id   TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
INSERT INTO ns_pending_pushes SELECT * FROM ns_pending_pushes_kept;
DROP TABLE ns_pending_pushes_kept;
CREATE INDEX ns_pending_pushes_due ON ns_pending_pushes (status, next_attempt_at);
CREATE INDEX ns_pending_pushes_business ON ns_pending_pushes (business_id, status);
CREATE INDEX ns_pending_pushes_claim ON ns_pending_pushes (business_id, status, next_attempt_at);

-- What a close found moved between bins, per item (0 when nothing moved).
ALTER TABLE cycle_count_variances ADD COLUMN moved_qty INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cycle_count_variances ADD COLUMN moved_value_minor INTEGER NOT NULL DEFAULT 0;
