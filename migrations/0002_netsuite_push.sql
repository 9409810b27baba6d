-- Migration 0002: the NetSuite push (DESIGN.md "Outbox", "NetSuite idempotency").
--
--   * netsuite_connections: one NetSuite account per business. Credentials are
--     sealed by the Worker (AES-GCM under the secret NS_SECRETS_KEY, bound to
--     business and field) before they reach D1; only the ciphertext lives here.
--   * inventory_ledger.mirrored_at: NULL until NetSuite confirmed the ledger
--     row's adjustment and the on-hand mirror moved by it. Counts compare with
--     mirror + unmirrored ledger, so an adjustment waiting for NetSuite is
--     never booked a second time by the next count.
--   * inventory_detail loses CHECK (quantity >= 0): the mirror applies deltas in
--     the order NetSuite confirms them, so a placement can pass below zero
--     while an earlier adjustment of the same shelf still waits.
--   * reflexion_log learns the tag push_retried (a person sent a dead push again).

CREATE TABLE netsuite_connections (
  business_id             TEXT PRIMARY KEY REFERENCES businesses(id),
  account_id              TEXT NOT NULL,
  base_url                TEXT NOT NULL,
  auth_mode               TEXT NOT NULL CHECK (auth_mode IN ('m2m', 'tba')),
  subsidiary_id           TEXT NOT NULL,
  adjustment_account_id   TEXT NOT NULL,
  cert_id                 TEXT,
  key_alg                 TEXT CHECK (key_alg IS NULL OR key_alg IN ('ES256', 'PS256')),
  client_id_sealed        TEXT,
  private_key_sealed      TEXT,
  consumer_key_sealed     TEXT,
  consumer_secret_sealed  TEXT,
  token_id_sealed         TEXT,
  token_secret_sealed     TEXT,
  updated_at              TEXT NOT NULL,
  updated_by              TEXT
);

ALTER TABLE inventory_ledger ADD COLUMN mirrored_at TEXT;
CREATE INDEX inventory_ledger_unmirrored ON inventory_ledger (business_id, location_id, item_id)
  WHERE mirrored_at IS NULL;

CREATE INDEX ns_pending_pushes_claim ON ns_pending_pushes (business_id, status, next_attempt_at);

CREATE TABLE inventory_detail_next (
  id             TEXT PRIMARY KEY,
  business_id    TEXT NOT NULL REFERENCES businesses(id),
  item_id        TEXT NOT NULL REFERENCES items(id),
  location_id    TEXT NOT NULL REFERENCES locations(id),
  bin_id         TEXT REFERENCES bins(id),
  batch_number   TEXT,
  serial_number  TEXT,
  quantity       INTEGER NOT NULL
);
INSERT INTO inventory_detail_next SELECT id, business_id, item_id, location_id, bin_id, batch_number, serial_number, quantity
  FROM inventory_detail;
DROP TABLE inventory_detail;
ALTER TABLE inventory_detail_next RENAME TO inventory_detail;
CREATE INDEX inventory_detail_location_item ON inventory_detail (business_id, location_id, item_id);
CREATE INDEX inventory_detail_bin ON inventory_detail (bin_id);

CREATE TABLE reflexion_log_next (
  id           TEXT PRIMARY KEY,
  business_id  TEXT NOT NULL REFERENCES businesses(id),
  tag          TEXT NOT NULL CHECK (tag IN ('auto_adjust', 'approved', 'rejected', 'confirmed', 'posted', 'push_failed',
                                            'push_dead', 'push_retried')),
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
