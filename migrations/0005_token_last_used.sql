-- When each API token was last used, to the minute (GET /api/tokens shows it, so an admin
-- can see which scanners and scripts still use a token before revoking it).
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
