-- Feedback (issue 12 item 3; README "Feedback"): one row per feedback, projected from the feedback streams
-- (feedback/{program}/{member}). New streams only, so nothing applied before is missing and no rebuild is needed.
-- recorded_at is unix milliseconds (the keyset of ListFeedback), day its UTC day; terminal_id '' when none was named.
CREATE TABLE IF NOT EXISTS lg_insights_feedback (
    program_id     text     COLLATE "C" NOT NULL,
    feedback_id    text     COLLATE "C" NOT NULL,
    member_id      text     COLLATE "C" NOT NULL,
    transaction_id text     COLLATE "C",
    merchant_id    text     COLLATE "C" NOT NULL,
    store_id       text     COLLATE "C" NOT NULL,
    terminal_id    text     COLLATE "C" NOT NULL,
    day            date     NOT NULL,
    recorded_at    bigint   NOT NULL,
    nps            smallint,
    csat           smallint,
    comment        text,
    channel        smallint NOT NULL,
    reward_points  bigint   NOT NULL,
    PRIMARY KEY (program_id, feedback_id));
CREATE INDEX IF NOT EXISTS lg_insights_feedback_by_day ON lg_insights_feedback (program_id, day, merchant_id, store_id);
CREATE INDEX IF NOT EXISTS lg_insights_feedback_by_time ON lg_insights_feedback (program_id, recorded_at, feedback_id);
