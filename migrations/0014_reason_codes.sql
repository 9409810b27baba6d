-- Reason codes (issue 27; DESIGN.md "Rules that keep it right"): a business's list of causes a decision
-- names (GET|PUT /api/reason-codes; src/reason_codes.h). NULL: the default list. A decision's
-- code is kept on its proposal, on the adjustment it books and on that adjustment's ledger rows;
-- an automatic adjustment's is within_tolerance. Rows decided before this migration have none.
ALTER TABLE business_settings ADD COLUMN reason_codes TEXT;
ALTER TABLE proposed_actions ADD COLUMN reason_code TEXT;
ALTER TABLE inventory_adjustment ADD COLUMN reason_code TEXT;
ALTER TABLE inventory_ledger ADD COLUMN reason_code TEXT;
