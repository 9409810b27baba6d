-- Automatic recount (issue 27; DESIGN.md "The weekly pipeline"): a second threshold above the
-- guardrail. A count beyond it — |pct| over recount_pct (thousandths of a percent) or |value| over
-- recount_value (minor units) — opens a recount task for its line at once; NULL: twice the
-- guardrail's own limit (src/pipeline/guardrail.h).
ALTER TABLE guardrails ADD COLUMN recount_pct INTEGER CHECK (recount_pct IS NULL OR recount_pct BETWEEN 0 AND 100000);
ALTER TABLE guardrails ADD COLUMN recount_value INTEGER CHECK (recount_value IS NULL OR recount_value >= 0);
