-- Placeholder in branch referrals2 only: the numbers 011-013 are other branches' migrations. The merger drops this file
-- (and renumbers 014_insights_referrals) when the real ones arrive; it changes nothing.
SELECT 1;
