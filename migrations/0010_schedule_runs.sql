-- Each location's part of a week's count, as the weekly tick left it: queued when the week was
-- planned, then done (this week's session opened, or nothing to open: `note` says why) or failed
-- (`last_error`). A location the tick could not reach within its D1 budget stays queued, so it is
-- seen (GET /api/schedule/runs, /health) instead of hidden in the tick's log line.
CREATE TABLE schedule_runs (
  week_key     TEXT NOT NULL,
  location_id  TEXT NOT NULL REFERENCES locations (id),
  business_id  TEXT NOT NULL REFERENCES businesses (id),
  status       TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  session_id   TEXT,
  note         TEXT,
  last_error   TEXT,
  queued_at    TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (week_key, location_id)
);
CREATE INDEX schedule_runs_business_week ON schedule_runs (business_id, week_key);
