-- Insights, third step (README "Insights", "Coalitions"): what coalition settlement reads instead of the journal.
-- Settlement figures per program, UTC day of recording and party (merchant_id '' is the operator), and per event for
-- coalition programs (recorded_at in .NET ticks, UTC), so a period may start and end at any instant; the partner
-- origin of each purchase and hold at a partner, for its later return, cancellation or capture; benefit uses.
-- Values are exact, in thousandths of a minor unit (64-bit here: a sum beyond it fails rather than wraps). The
-- projection has no rows of the new tables for events it applied before, so it starts again from the start of the
-- journal (the same as Insights/RebuildProjection).
CREATE TABLE IF NOT EXISTS insights_settlement_days (
    program_id          TEXT    NOT NULL,
    day                 TEXT    NOT NULL,
    merchant_id         TEXT    NOT NULL,
    issued              INTEGER NOT NULL,
    reversed            INTEGER NOT NULL,
    written_off         INTEGER NOT NULL,
    redeemed            INTEGER NOT NULL,
    expired             INTEGER NOT NULL,
    reinstated          INTEGER NOT NULL,
    outstanding         INTEGER NOT NULL,
    issue_value         INTEGER NOT NULL,
    credit_value        INTEGER NOT NULL,
    reimbursement_value INTEGER NOT NULL,
    PRIMARY KEY (program_id, day, merchant_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insights_settlement_entries (
    program_id          TEXT    NOT NULL,
    recorded_at         INTEGER NOT NULL,
    merchant_id         TEXT    NOT NULL,
    issued              INTEGER NOT NULL,
    reversed            INTEGER NOT NULL,
    written_off         INTEGER NOT NULL,
    redeemed            INTEGER NOT NULL,
    expired             INTEGER NOT NULL,
    reinstated          INTEGER NOT NULL,
    outstanding         INTEGER NOT NULL,
    issue_value         INTEGER NOT NULL,
    credit_value        INTEGER NOT NULL,
    reimbursement_value INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS insights_settlement_entries_by_time ON insights_settlement_entries (program_id, recorded_at);
CREATE TABLE IF NOT EXISTS insights_settlement_origins (
    program_id  TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    is_hold     INTEGER NOT NULL,
    id          TEXT    NOT NULL,
    merchant_id TEXT    NOT NULL,
    price       INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id, is_hold, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insights_benefit_uses (
    program_id  TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    merchant_id TEXT    NOT NULL,
    benefit_id  TEXT    NOT NULL);
CREATE INDEX IF NOT EXISTS insights_benefit_uses_by_time ON insights_benefit_uses (program_id, recorded_at);
-- The staff view: enrolments per till (merchant, store, terminal as EnrollMember named them, '' for none) and day.
CREATE TABLE IF NOT EXISTS insights_staff_days (
    program_id  TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    merchant_id TEXT    NOT NULL,
    store_id    TEXT    NOT NULL,
    terminal_id TEXT    NOT NULL,
    enrolments  INTEGER NOT NULL,
    PRIMARY KEY (program_id, day, merchant_id, store_id, terminal_id)) WITHOUT ROWID;
UPDATE insights_checkpoint SET commit_pos = -1, stream_id = '', seq = 0, events = 0, updated_at = NULL;
DELETE FROM insights_members;
DELETE FROM insights_member_days;
DELETE FROM insights_member_stores;
DELETE FROM insights_daily;
DELETE FROM insights_member_store_days;
