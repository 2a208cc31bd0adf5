-- Rewards catalogue (issue 11 part 1; README "Rewards catalogue"): one row per reward redemption (units 1) or refund
-- of a cancelled one (units -1) of a coalition program, projected from the member streams, for settlement's count per
-- partner (partner_id '' for the operator's own rewards). recorded_at is UTC ticks. New events only, so nothing
-- applied before is missing and no rebuild is needed.
CREATE TABLE IF NOT EXISTS insights_reward_redemptions (
    program_id  TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    partner_id  TEXT    NOT NULL,
    reward_id   TEXT    NOT NULL,
    units       INTEGER NOT NULL,
    points      INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS insights_reward_redemptions_by_time ON insights_reward_redemptions (program_id, recorded_at);
