-- Scheduled rotation of the access-token signing keys (SigningKeys, KeySchedule): a key
-- is published (NEXT) before it signs from activates_at, and after it stops signing
-- (signed_until) it verifies until the tokens it signed have expired, then is RETIRED.
ALTER TABLE signing_key
  ADD COLUMN activates_at TIMESTAMP(3) NULL AFTER created_at,
  ADD COLUMN signed_until TIMESTAMP(3) NULL AFTER activates_at;

-- Keys from before: the signing one started when it was made; the others stopped
-- signing at the latest now, so they retire one token lifetime from now.
UPDATE signing_key SET activates_at = created_at;
UPDATE signing_key SET signed_until = CURRENT_TIMESTAMP(3) WHERE status = 'PUBLISHED';
