-- Approval limits per token (issue 27; POST /api/tokens `limits`, PATCH /api/tokens/{id}): the
-- largest |quantity| (thousandths), |percent| (thousandths of a percent) and |value| (minor units)
-- of a proposal its holder may decide. NULL: no limit of that kind.
ALTER TABLE api_tokens ADD COLUMN limit_qty INTEGER;
ALTER TABLE api_tokens ADD COLUMN limit_pct INTEGER;
ALTER TABLE api_tokens ADD COLUMN limit_value_minor INTEGER;
