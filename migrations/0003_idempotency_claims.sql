-- Migration 0003: Idempotency-Key claims inside the command's own batch.
--
-- A key is claimed (state 'pending', owner = the conversation) by the same D1
-- batch that writes the command, so two requests with one key can never both
-- execute: the second batch finds the key owned by another conversation and
-- rolls back, then waits for and replays the first answer. The key also
-- remembers who used it (the token's SHA-256), the method and the path: the
-- same key on another route, by another token or with another body is 422.
CREATE TABLE idempotency_keys_next (
  business_id     TEXT NOT NULL REFERENCES businesses(id),
  idem_key        TEXT NOT NULL,
  principal       TEXT NOT NULL,
  method          TEXT NOT NULL,
  path            TEXT NOT NULL,
  request_sha256  TEXT NOT NULL,
  owner           TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  status          INTEGER,
  content_type    TEXT,
  body            TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (business_id, idem_key)
);
INSERT INTO idempotency_keys_next
  SELECT business_id, idem_key, '', method, path, request_sha256, 'migrated', 'done', status, content_type, body,
         created_at, created_at
  FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys;
