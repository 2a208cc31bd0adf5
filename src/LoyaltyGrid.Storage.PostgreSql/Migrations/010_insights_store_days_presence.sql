-- A cheaper insights projection (issue 9): the member store days are read only for whether a member bought at a store
-- on a day (active, repeat and churned members per merchant or store), never for how much, so the two counters go and
-- a purchase on a day already there writes nothing (INSERT ... ON CONFLICT DO NOTHING instead of an update of the row).
-- The rows and their days are kept as they are; no rebuild is needed.
ALTER TABLE lg_insights_member_store_days DROP COLUMN IF EXISTS purchases, DROP COLUMN IF EXISTS spend_minor;
