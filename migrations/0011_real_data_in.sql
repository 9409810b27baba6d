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

-- NetSuite read as well as written: one sync run at a time per business (PushMutexDO runs it,
-- DESIGN.md "Real data in"). A run walks its stages (locations, bins, items, balances) a page at
-- a time; `cursor` is where the next page starts, so a failed or paused run resumes there.
CREATE TABLE ns_sync_runs (
  id               TEXT PRIMARY KEY,
  business_id      TEXT NOT NULL REFERENCES businesses (id),
  kind             TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  status           TEXT NOT NULL,
  requested_by     TEXT NOT NULL,
  since            TEXT,
  stage            TEXT NOT NULL,
  cursor           TEXT NOT NULL DEFAULT '',
  stats            TEXT NOT NULL DEFAULT '{}',
  pages            INTEGER NOT NULL DEFAULT 0,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  queued_at        TEXT NOT NULL,
  started_at       TEXT,
  finished_at      TEXT,
  updated_at       TEXT NOT NULL
);
CREATE INDEX ns_sync_runs_business ON ns_sync_runs (business_id, queued_at);
-- At most one run open (queued or running) per business.
CREATE UNIQUE INDEX ns_sync_runs_open ON ns_sync_runs (business_id) WHERE finished_at IS NULL;
-- When NetSuite's figure last set this on-hand (the mirror's age).
ALTER TABLE inventory_balance ADD COLUMN synced_at TEXT;
-- The sync finds rows by their NetSuite ids.
CREATE INDEX items_ns ON items (business_id, ns_item_id);
CREATE INDEX locations_ns ON locations (business_id, ns_location_id);
CREATE INDEX bins_ns ON bins (business_id, ns_bin_id);
