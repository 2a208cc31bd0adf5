-- A cheaper insights projection (issue 9): insights_member_stores was written for every purchase and read by nothing
-- (insights_member_store_days answers per merchant and store). A derived table: the journal keeps the purchases.
DROP TABLE IF EXISTS insights_member_stores;
