-- A cheaper insights projection (issue 9, BENCHMARKS.md "What the insights projection costs"). Derived tables only:
-- nothing here is the journal's, and the projection rebuilds what it needs from the journal.
-- lg_insights_member_stores was written for every purchase and read by nothing (lg_insights_member_store_days
-- answers per merchant and store).
DROP TABLE IF EXISTS lg_insights_member_stores;
-- A member's row is updated at every batch that holds one of its events: room on its page lets PostgreSQL update it
-- in place (a HOT update) instead of adding an entry to the primary key for each new version. Applies to the pages
-- written from now on.
ALTER TABLE lg_insights_members SET (fillfactor = 70);
