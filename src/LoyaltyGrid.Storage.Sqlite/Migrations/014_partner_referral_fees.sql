-- Partner referrals (issue 12 part 2; README "Coalitions"): the referral fees of a coalition's settlement, per party,
-- in whole minor units, and their counts, next to the other settlement figures of each day and event. Only new
-- columns with a constant default: no event journaled before this version makes a fee (PartnerReferralFeeDue is new
-- with it), so every existing row's fees are 0 and the projection need not start again.
ALTER TABLE insights_settlement_days ADD COLUMN referral_fees_earned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_days ADD COLUMN referral_fees_owed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_days ADD COLUMN referrals_earned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_days ADD COLUMN referrals_owed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_entries ADD COLUMN referral_fees_earned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_entries ADD COLUMN referral_fees_owed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_entries ADD COLUMN referrals_earned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE insights_settlement_entries ADD COLUMN referrals_owed INTEGER NOT NULL DEFAULT 0;
