-- Settings a business's admin chooses (GET|PUT /api/settings; DESIGN.md "Real data in"):
-- zone_pattern names a bin's zone from its code (src/import/zone_rule.h; NULL: the text before
-- the first "-"). One row per business once an admin saves; none: every default.
CREATE TABLE business_settings (
  business_id   TEXT PRIMARY KEY REFERENCES businesses (id),
  zone_pattern  TEXT,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL
);
-- The mirror's age at a count: the business's latest done sync at or before it.
CREATE INDEX ns_sync_runs_done ON ns_sync_runs (business_id, status, finished_at);
