-- Settings a business's admin chooses (GET|PUT /api/settings; DESIGN.md "Real data in"):
-- zone_pattern names a bin's zone from its code (src/import/zone_rule.h; NULL: the text before
-- the first "-"); blind_counts keeps expected, system, variance and value figures from scanner
-- tokens (src/blind.h). One row per business once an admin saves; none: every default.
CREATE TABLE business_settings (
  business_id   TEXT PRIMARY KEY REFERENCES businesses (id),
  zone_pattern  TEXT,
  blind_counts  INTEGER NOT NULL DEFAULT 1 CHECK (blind_counts IN (0, 1)),
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL
);
-- The mirror's age at a count: the business's latest done sync at or before it.
CREATE INDEX ns_sync_runs_done ON ns_sync_runs (business_id, status, finished_at);
