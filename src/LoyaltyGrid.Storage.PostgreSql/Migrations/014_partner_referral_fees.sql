-- Partner referrals (issue 12 part 2; README "Coalitions"): the referral fees of a coalition's settlement, per party,
-- in whole minor units, and their counts, next to the other settlement figures of each day and event. Only new
-- columns with a constant default (no table rewrite): no event journaled before this version makes a fee
-- (PartnerReferralFeeDue is new with it), so every existing row's fees are 0 and the projection need not start again.
ALTER TABLE lg_insights_settlement_days ADD COLUMN IF NOT EXISTS referral_fees_earned bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_days ADD COLUMN IF NOT EXISTS referral_fees_owed bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_days ADD COLUMN IF NOT EXISTS referrals_earned bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_days ADD COLUMN IF NOT EXISTS referrals_owed bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_entries ADD COLUMN IF NOT EXISTS referral_fees_earned bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_entries ADD COLUMN IF NOT EXISTS referral_fees_owed bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_entries ADD COLUMN IF NOT EXISTS referrals_earned bigint NOT NULL DEFAULT 0;
ALTER TABLE lg_insights_settlement_entries ADD COLUMN IF NOT EXISTS referrals_owed bigint NOT NULL DEFAULT 0;
