-- The insights projection (IInsightsStore; README "Insights"): analytic tables kept from the journal, and the
-- checkpoint written in the same transaction as what it covers. Rebuilt from the journal by emptying them
-- (Insights/RebuildProjection). Times are unix milliseconds, days ISO 'yyyy-MM-dd' (UTC), money minor units.
CREATE TABLE IF NOT EXISTS insights_checkpoint (
    projection TEXT    NOT NULL PRIMARY KEY,
    commit_pos INTEGER NOT NULL,
    stream_id  TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    events     INTEGER NOT NULL,
    updated_at INTEGER) WITHOUT ROWID;
INSERT OR IGNORE INTO insights_checkpoint VALUES ('insights', -1, '', 0, 0, NULL);
CREATE TABLE IF NOT EXISTS insights_members (
    program_id         TEXT    NOT NULL,
    member_id          TEXT    NOT NULL,
    enrolled_at        INTEGER,
    first_purchase_at  INTEGER,
    last_purchase_at   INTEGER,
    purchases          INTEGER NOT NULL,
    imported_purchases INTEGER NOT NULL,
    spend_minor        INTEGER NOT NULL,
    returns            INTEGER NOT NULL,
    returned_minor     INTEGER NOT NULL,
    points_earned      INTEGER NOT NULL,
    points_redeemed    INTEGER NOT NULL,
    points_expired     INTEGER NOT NULL,
    points_reversed    INTEGER NOT NULL,
    tier_id            TEXT,
    tier_seq           INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insights_member_days (
    program_id  TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    purchases   INTEGER NOT NULL,
    spend_minor INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insights_member_stores (
    program_id        TEXT    NOT NULL,
    member_id         TEXT    NOT NULL,
    merchant_id       TEXT    NOT NULL,
    store_id          TEXT    NOT NULL,
    purchases         INTEGER NOT NULL,
    spend_minor       INTEGER NOT NULL,
    first_purchase_at INTEGER NOT NULL,
    last_purchase_at  INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id, merchant_id, store_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insights_daily (
    program_id         TEXT    NOT NULL,
    day                TEXT    NOT NULL,
    merchant_id        TEXT    NOT NULL,
    store_id           TEXT    NOT NULL,
    purchases          INTEGER NOT NULL,
    imported_purchases INTEGER NOT NULL,
    spend_minor        INTEGER NOT NULL,
    returns            INTEGER NOT NULL,
    returned_minor     INTEGER NOT NULL,
    points_earned      INTEGER NOT NULL,
    points_redeemed    INTEGER NOT NULL,
    points_expired     INTEGER NOT NULL,
    points_reversed    INTEGER NOT NULL,
    enrolments         INTEGER NOT NULL,
    PRIMARY KEY (program_id, day, merchant_id, store_id)) WITHOUT ROWID;
