-- Rewards catalogue (issue 11 part 1; README "Rewards catalogue"): one row per reward redemption (units 1) or refund
-- of a cancelled one (units -1) of a coalition program, projected from the member streams, for settlement's count per
-- partner (partner_id '' for the operator's own rewards). recorded_at is UTC ticks. New events only, so nothing
-- applied before is missing and no rebuild is needed.
CREATE TABLE IF NOT EXISTS lg_insights_reward_redemptions (
    program_id  text   COLLATE "C" NOT NULL,
    recorded_at bigint NOT NULL,
    partner_id  text   COLLATE "C" NOT NULL,
    reward_id   text   COLLATE "C" NOT NULL,
    units       bigint NOT NULL,
    points      bigint NOT NULL);
CREATE INDEX IF NOT EXISTS lg_insights_reward_redemptions_by_time ON lg_insights_reward_redemptions (program_id, recorded_at);
