-- A cheaper insights projection (issue 9): the member store days are read only for whether a member bought at a store
-- on a day, never for how much, so the two counters go and a purchase on a day already there writes nothing. The rows
-- and their days are kept as they are; no rebuild is needed.
ALTER TABLE insights_member_store_days DROP COLUMN purchases;
ALTER TABLE insights_member_store_days DROP COLUMN spend_minor;
