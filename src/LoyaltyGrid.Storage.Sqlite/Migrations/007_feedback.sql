-- Feedback (issue 12 item 3; README "Feedback"): one row per feedback, projected from the feedback streams
-- (feedback/{program}/{member}). New streams only, so nothing applied before is missing and no rebuild is needed.
-- recorded_at is unix milliseconds, day its UTC day 'yyyy-MM-dd'; terminal_id '' when none was named.
CREATE TABLE IF NOT EXISTS insights_feedback (
    program_id     TEXT    NOT NULL,
    feedback_id    TEXT    NOT NULL,
    member_id      TEXT    NOT NULL,
    transaction_id TEXT,
    merchant_id    TEXT    NOT NULL,
    store_id       TEXT    NOT NULL,
    terminal_id    TEXT    NOT NULL,
    day            TEXT    NOT NULL,
    recorded_at    INTEGER NOT NULL,
    nps            INTEGER,
    csat           INTEGER,
    comment        TEXT,
    channel        INTEGER NOT NULL,
    reward_points  INTEGER NOT NULL,
    PRIMARY KEY (program_id, feedback_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insights_feedback_by_day ON insights_feedback (program_id, day, merchant_id, store_id);
CREATE INDEX IF NOT EXISTS insights_feedback_by_time ON insights_feedback (program_id, recorded_at, feedback_id);
