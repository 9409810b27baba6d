-- Migration 0001: the whole data model of DESIGN.md (pipeline seed + stock-count seed).
--
-- Conventions
--   * Every tenant table carries business_id; every query filters by it.
--   * Quantities (quantityonhand, *_qty, quantity, delta, ...) are INTEGER thousandths:
--     37.125 units is stored as 37125. Percentages are INTEGER thousandths of a percent.
--   * Money is INTEGER minor units (cents): *_minor.
--   * Ids are opaque TEXT made by the core; timestamps are ISO-8601 UTC text.

CREATE TABLE businesses (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- token_hash is the hex SHA-256 of the X-Edit-Token; the token itself is never stored.
CREATE TABLE api_tokens (
  token_hash   TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  role         TEXT NOT NULL CHECK (role IN ('scanner', 'approver', 'admin')),
  name         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_business ON api_tokens (business_id);

CREATE TABLE idempotency_keys (
  business_id     TEXT NOT NULL REFERENCES businesses(id),
  idem_key        TEXT NOT NULL,
  request_sha256  TEXT NOT NULL,
  method          TEXT NOT NULL,
  path            TEXT NOT NULL,
  status          INTEGER NOT NULL,
  content_type    TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (business_id, idem_key)
);

CREATE TABLE locations (
  id              TEXT PRIMARY KEY,
  business_id     TEXT NOT NULL REFERENCES businesses(id),
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  ns_location_id  TEXT,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (business_id, code)
);

CREATE TABLE zones (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  location_id  TEXT NOT NULL REFERENCES locations(id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (location_id, code)
);
CREATE INDEX zones_business_location ON zones (business_id, location_id);

CREATE TABLE bins (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  location_id  TEXT NOT NULL REFERENCES locations(id),
  zone_id      TEXT NOT NULL REFERENCES zones(id),
  code         TEXT NOT NULL,
  UNIQUE (location_id, code)
);
CREATE INDEX bins_zone ON bins (business_id, zone_id);

CREATE TABLE items (
  id              TEXT PRIMARY KEY,
  business_id     TEXT NOT NULL REFERENCES businesses(id),
  sku             TEXT NOT NULL,
  name            TEXT NOT NULL,
  category        TEXT NOT NULL,
  brand           TEXT NOT NULL,
  avg_cost_minor  INTEGER NOT NULL CHECK (avg_cost_minor >= 0),
  tracking        TEXT NOT NULL DEFAULT 'none' CHECK (tracking IN ('none', 'batch', 'serial')),
  ns_item_id      TEXT,
  UNIQUE (business_id, sku)
);
CREATE INDEX items_business_category ON items (business_id, category);
CREATE INDEX items_business_brand ON items (business_id, brand);

-- The local mirror of on-hand. quantityavailable is derived, never written.
CREATE TABLE inventory_balance (
  business_id        TEXT NOT NULL REFERENCES businesses(id),
  item_id            TEXT NOT NULL REFERENCES items(id),
  location_id        TEXT NOT NULL REFERENCES locations(id),
  quantityonhand     INTEGER NOT NULL,
  reserved           INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  quantityavailable  INTEGER GENERATED ALWAYS AS (quantityonhand - reserved) STORED,
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (item_id, location_id)
);
CREATE INDEX inventory_balance_business_location ON inventory_balance (business_id, location_id);

-- Where the on-hand sits: bin placement, and batch/serial for tracked items.
CREATE TABLE inventory_detail (
  id             TEXT PRIMARY KEY,
  business_id    TEXT NOT NULL REFERENCES businesses(id),
  item_id        TEXT NOT NULL REFERENCES items(id),
  location_id    TEXT NOT NULL REFERENCES locations(id),
  bin_id         TEXT REFERENCES bins(id),
  batch_number   TEXT,
  serial_number  TEXT,
  quantity       INTEGER NOT NULL CHECK (quantity >= 0)
);
CREATE INDEX inventory_detail_location_item ON inventory_detail (business_id, location_id, item_id);
CREATE INDEX inventory_detail_bin ON inventory_detail (bin_id);

CREATE TABLE guardrails (
  business_id           TEXT PRIMARY KEY REFERENCES businesses(id),
  inventory_auto_pct    INTEGER NOT NULL CHECK (inventory_auto_pct BETWEEN 0 AND 100000),
  inventory_auto_value  INTEGER CHECK (inventory_auto_value IS NULL OR inventory_auto_value >= 0),
  updated_at            TEXT NOT NULL,
  updated_by            TEXT
);

-- Zone rotation: position orders the zones of a location; inactive rows are skipped.
CREATE TABLE cycle_count_schedule (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  location_id  TEXT NOT NULL REFERENCES locations(id),
  zone_id      TEXT NOT NULL REFERENCES zones(id),
  position     INTEGER NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (location_id, position),
  UNIQUE (location_id, zone_id)
);

-- Write guards: a batch inserts here only when a condition it depends on no
-- longer holds (e.g. `WHERE changes() = 0` after a conditional status update);
-- the CHECK then fails and D1 rolls the whole batch back. Never holds a row.
CREATE TABLE write_guards (
  conflict  TEXT NOT NULL CHECK (conflict = '')
);

CREATE TABLE cron_ticks (
  week_key        TEXT PRIMARY KEY,
  cron            TEXT NOT NULL,
  first_fired_at  TEXT NOT NULL,
  last_fired_at   TEXT NOT NULL,
  ticks           INTEGER NOT NULL
);

-- ── Stock-count module ─────────────────────────────────────────────────────

CREATE TABLE stock_count_session (
  id              TEXT PRIMARY KEY,
  business_id     TEXT NOT NULL REFERENCES businesses(id),
  location_id     TEXT NOT NULL REFERENCES locations(id),
  type            TEXT NOT NULL CHECK (type IN ('CYCLE', 'FULL')),
  status          TEXT NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED', 'APPROVED', 'POSTED', 'REJECTED')),
  name            TEXT NOT NULL,
  source          TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'cron')),
  week_key        TEXT,
  zone_id         TEXT REFERENCES zones(id),
  zero_uncounted  INTEGER NOT NULL DEFAULT 0 CHECK (zero_uncounted IN (0, 1)),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  started_at      TEXT,
  closed_at       TEXT,
  approved_at     TEXT,
  approved_by     TEXT,
  posted_at       TEXT,
  rejected_at     TEXT,
  reject_reason   TEXT,
  updated_at      TEXT NOT NULL
);
CREATE INDEX stock_count_session_list ON stock_count_session (business_id, location_id, status);
-- One cron session per location and ISO week, whatever the number of ticks.
CREATE UNIQUE INDEX stock_count_session_cron_week ON stock_count_session (business_id, location_id, week_key)
  WHERE source = 'cron';

CREATE TABLE stock_count_scope (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  session_id   TEXT NOT NULL REFERENCES stock_count_session(id),
  kind         TEXT NOT NULL CHECK (kind IN ('category', 'brand', 'product', 'zone', 'bin', 'all')),
  value        TEXT,
  created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX stock_count_scope_once ON stock_count_scope (session_id, kind, COALESCE(value, ''));

CREATE TABLE stock_count_task (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  session_id   TEXT NOT NULL REFERENCES stock_count_session(id),
  name         TEXT NOT NULL,
  strategy     TEXT NOT NULL CHECK (strategy IN ('by_zone_bin', 'by_category', 'by_assignee')),
  zone_code    TEXT,
  bin_code     TEXT,
  category     TEXT,
  assignee     TEXT,
  status       TEXT NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'IN_PROGRESS', 'PAUSED', 'COMPLETED', 'RECONCILED')),
  count_index  INTEGER NOT NULL DEFAULT 1 CHECK (count_index >= 1),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX stock_count_task_session ON stock_count_task (business_id, session_id);

-- The expected side of variance, captured when counting starts.
CREATE TABLE stock_count_snapshot (
  id             TEXT PRIMARY KEY,
  business_id    TEXT NOT NULL REFERENCES businesses(id),
  session_id     TEXT NOT NULL REFERENCES stock_count_session(id),
  task_id        TEXT REFERENCES stock_count_task(id),
  item_id        TEXT NOT NULL REFERENCES items(id),
  location_id    TEXT NOT NULL REFERENCES locations(id),
  bin_id         TEXT REFERENCES bins(id),
  batch_number   TEXT,
  serial_number  TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('tracked', 'residual', 'untracked')),
  quantity       INTEGER NOT NULL,
  taken_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX stock_count_snapshot_line ON stock_count_snapshot
  (session_id, item_id, COALESCE(bin_id, ''), COALESCE(batch_number, ''), COALESCE(serial_number, ''), kind);
CREATE INDEX stock_count_snapshot_task ON stock_count_snapshot (business_id, session_id, task_id);

CREATE TABLE stock_count_entry (
  id                   TEXT PRIMARY KEY,
  business_id          TEXT NOT NULL REFERENCES businesses(id),
  session_id           TEXT NOT NULL REFERENCES stock_count_session(id),
  task_id              TEXT REFERENCES stock_count_task(id),
  item_id              TEXT NOT NULL REFERENCES items(id),
  location_id          TEXT NOT NULL REFERENCES locations(id),
  bin_id               TEXT REFERENCES bins(id),
  batch_number         TEXT,
  serial_number        TEXT,
  counted_qty          INTEGER NOT NULL CHECK (counted_qty >= 0),
  system_qty_at_count  INTEGER NOT NULL,
  client_entry_id      TEXT,
  counted_by           TEXT NOT NULL,
  counted_at           TEXT NOT NULL,
  count_index          INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX stock_count_entry_client_id ON stock_count_entry (session_id, client_entry_id)
  WHERE client_entry_id IS NOT NULL;
CREATE INDEX stock_count_entry_line ON stock_count_entry (session_id, item_id, bin_id);
CREATE INDEX stock_count_entry_task ON stock_count_entry (business_id, task_id);

-- Counted side per line: only the latest count_index of a line counts (a recount
-- supersedes count 1); several entries of that count are summed and flagged.
CREATE VIEW stock_count_counted_v AS
SELECT e.business_id, e.session_id, e.item_id,
       COALESCE(e.bin_id, '') AS bin_key, COALESCE(e.batch_number, '') AS batch_key,
       COALESCE(e.serial_number, '') AS serial_key,
       MAX(e.task_id) AS task_id, MAX(e.bin_id) AS bin_id,
       MAX(e.batch_number) AS batch_number, MAX(e.serial_number) AS serial_number,
       SUM(e.counted_qty) AS counted_qty, COUNT(*) AS entry_count,
       COUNT(DISTINCT e.counted_by) AS counter_count, e.count_index,
       MAX(e.system_qty_at_count) AS system_qty_at_count
FROM stock_count_entry e
WHERE e.count_index = (SELECT MAX(x.count_index) FROM stock_count_entry x
                       WHERE x.session_id = e.session_id AND x.item_id = e.item_id
                         AND COALESCE(x.bin_id, '') = COALESCE(e.bin_id, '')
                         AND COALESCE(x.batch_number, '') = COALESCE(e.batch_number, '')
                         AND COALESCE(x.serial_number, '') = COALESCE(e.serial_number, ''))
GROUP BY e.business_id, e.session_id, e.item_id, bin_key, batch_key, serial_key, e.count_index;

-- Snapshot against counted, per line. Lines counted but not in the snapshot
-- (stock found where none was expected) appear with expected 0.
-- counted_qty is NULL for a line nobody counted: "not counted", not zero.
CREATE VIEW stock_count_variance_v AS
SELECT s.business_id, s.session_id, s.task_id, s.item_id, s.location_id, s.bin_id,
       s.batch_number, s.serial_number, s.kind,
       SUM(s.quantity) AS expected_qty, c.counted_qty, c.entry_count, c.counter_count,
       c.system_qty_at_count,
       CASE WHEN c.counted_qty IS NULL THEN NULL ELSE c.counted_qty - SUM(s.quantity) END AS variance,
       c.counted_qty - c.system_qty_at_count AS variance_at_count
FROM stock_count_snapshot s
LEFT JOIN stock_count_counted_v c
  ON c.session_id = s.session_id AND c.item_id = s.item_id AND c.bin_key = COALESCE(s.bin_id, '')
 AND c.batch_key = COALESCE(s.batch_number, '') AND c.serial_key = COALESCE(s.serial_number, '')
GROUP BY s.business_id, s.session_id, s.item_id, COALESCE(s.bin_id, ''), COALESCE(s.batch_number, ''),
         COALESCE(s.serial_number, '')
UNION ALL
SELECT c.business_id, c.session_id, c.task_id, c.item_id, sess.location_id, c.bin_id,
       c.batch_number, c.serial_number, 'untracked' AS kind,
       0 AS expected_qty, c.counted_qty, c.entry_count, c.counter_count, c.system_qty_at_count,
       c.counted_qty AS variance, c.counted_qty - c.system_qty_at_count AS variance_at_count
FROM stock_count_counted_v c
JOIN stock_count_session sess ON sess.id = c.session_id
WHERE NOT EXISTS (SELECT 1 FROM stock_count_snapshot s
                  WHERE s.session_id = c.session_id AND s.item_id = c.item_id
                    AND COALESCE(s.bin_id, '') = c.bin_key AND COALESCE(s.batch_number, '') = c.batch_key
                    AND COALESCE(s.serial_number, '') = c.serial_key);

-- What posting a session will create: one row per line whose count differs from
-- the on-hand at count time (so stock that moved meanwhile is not "corrected");
-- in a FULL session closed with zero_uncounted, uncounted lines go to zero.
CREATE VIEW stock_count_post_summary_v AS
SELECT business_id, session_id, item_id, location_id, bin_id, batch_number, serial_number,
       CASE WHEN delta > 0 THEN 'INCREASE' ELSE 'DECREASE' END AS direction,
       ABS(delta) AS quantity, delta
FROM (SELECT v.*, CASE WHEN v.counted_qty IS NOT NULL THEN v.variance_at_count
                       WHEN sess.zero_uncounted = 1 THEN -v.expected_qty END AS delta
      FROM stock_count_variance_v v JOIN stock_count_session sess ON sess.id = v.session_id)
WHERE delta IS NOT NULL AND delta <> 0;

-- ── Adjustments, ledger, pipeline ──────────────────────────────────────────

CREATE TABLE cycle_count_variances (
  id                     TEXT PRIMARY KEY,
  business_id            TEXT NOT NULL REFERENCES businesses(id),
  session_id             TEXT NOT NULL REFERENCES stock_count_session(id),
  location_id            TEXT NOT NULL REFERENCES locations(id),
  item_id                TEXT NOT NULL REFERENCES items(id),
  expected_qty           INTEGER NOT NULL,
  expected_snapshot_qty  INTEGER NOT NULL,
  counted_qty            INTEGER NOT NULL,
  delta                  INTEGER NOT NULL,
  abs_delta              INTEGER NOT NULL CHECK (abs_delta >= 0),
  pct                    INTEGER,
  value_minor            INTEGER NOT NULL,
  decision               TEXT NOT NULL CHECK (decision IN ('auto', 'review', 'confirmed')),
  status                 TEXT NOT NULL CHECK (status IN ('adjusted', 'pending', 'approved', 'rejected', 'confirmed')),
  created_at             TEXT NOT NULL,
  UNIQUE (session_id, item_id)
);
CREATE INDEX cycle_count_variances_report ON cycle_count_variances (business_id, location_id, created_at);

CREATE TABLE proposed_actions (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  location_id  TEXT NOT NULL REFERENCES locations(id),
  session_id   TEXT REFERENCES stock_count_session(id),
  variance_id  TEXT REFERENCES cycle_count_variances(id),
  action_type  TEXT NOT NULL CHECK (action_type IN ('inventory_adjustment')),
  item_id      TEXT NOT NULL REFERENCES items(id),
  delta        INTEGER NOT NULL,
  payload      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  approved_by  TEXT,
  approved_at  TEXT,
  reason_note  TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX proposed_actions_queue ON proposed_actions (business_id, status, location_id);

CREATE TABLE inventory_adjustment (
  id                  TEXT PRIMARY KEY,
  business_id         TEXT NOT NULL REFERENCES businesses(id),
  location_id         TEXT NOT NULL REFERENCES locations(id),
  session_id          TEXT REFERENCES stock_count_session(id),
  proposed_action_id  TEXT REFERENCES proposed_actions(id),
  direction           TEXT NOT NULL CHECK (direction IN ('INCREASE', 'DECREASE')),
  reason              TEXT NOT NULL,
  idempotency_key     TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  UNIQUE (business_id, idempotency_key)
);
CREATE INDEX inventory_adjustment_session ON inventory_adjustment (business_id, session_id);

CREATE TABLE inventory_adjustment_line (
  id               TEXT PRIMARY KEY,
  business_id      TEXT NOT NULL REFERENCES businesses(id),
  adjustment_id    TEXT NOT NULL REFERENCES inventory_adjustment(id),
  item_id          TEXT NOT NULL REFERENCES items(id),
  bin_id           TEXT REFERENCES bins(id),
  batch_number     TEXT,
  serial_number    TEXT,
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_minor  INTEGER NOT NULL
);
CREATE INDEX inventory_adjustment_line_adjustment ON inventory_adjustment_line (adjustment_id);

CREATE TABLE inventory_ledger (
  id               TEXT PRIMARY KEY,
  business_id      TEXT NOT NULL REFERENCES businesses(id),
  item_id          TEXT NOT NULL REFERENCES items(id),
  location_id      TEXT NOT NULL REFERENCES locations(id),
  bin_id           TEXT REFERENCES bins(id),
  batch_number     TEXT,
  serial_number    TEXT,
  quantity_change  INTEGER NOT NULL,
  reason           TEXT NOT NULL,
  ref_type         TEXT NOT NULL,
  ref_id           TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX inventory_ledger_ref ON inventory_ledger (business_id, ref_type, ref_id);

-- The outbox: committed with its adjustment, drained by PushMutexDO.
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
CREATE INDEX ns_pending_pushes_due ON ns_pending_pushes (status, next_attempt_at);
CREATE INDEX ns_pending_pushes_business ON ns_pending_pushes (business_id, status);

CREATE TABLE reflexion_log (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  tag          TEXT NOT NULL CHECK (tag IN ('auto_adjust', 'approved', 'rejected', 'confirmed', 'posted', 'push_failed', 'push_dead')),
  reason       TEXT NOT NULL,
  approved_by  TEXT,
  ref_type     TEXT NOT NULL,
  ref_id       TEXT NOT NULL,
  numbers      TEXT NOT NULL DEFAULT '{}',
  created_at   TEXT NOT NULL
);
CREATE INDEX reflexion_log_business ON reflexion_log (business_id, created_at);

-- The event ledger; seq is the feed cursor.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  type         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX events_feed ON events (business_id, type, seq);
