-- Member messages (issue 12 part 6; README "Member messages"): the messages projection's checkpoint, the gate state
-- per member, each program's numbered outbox, the messages held for quiet hours and the outcome counts. Times are
-- Unix milliseconds, days are day numbers (DateOnly.DayNumber). Self-contained: it reads no other table. The
-- projection starts at the journal's start; events older than a day when projected only update the gate state.
CREATE TABLE IF NOT EXISTS messages_checkpoint (
    projection TEXT    NOT NULL PRIMARY KEY,
    commit_pos INTEGER NOT NULL,
    stream_id  TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    events     INTEGER NOT NULL,
    updated_at INTEGER) WITHOUT ROWID;
INSERT OR IGNORE INTO messages_checkpoint VALUES ('messages', -1, '', 0, 0, 0, NULL);
CREATE TABLE IF NOT EXISTS messages_recipients (
    program_id      TEXT    NOT NULL,
    member_id       TEXT    NOT NULL,
    consented       INTEGER NOT NULL,
    reachable       INTEGER NOT NULL,
    time_zone       TEXT,
    available       INTEGER NOT NULL,
    pending         INTEGER NOT NULL,
    held            INTEGER NOT NULL,
    cap_day         INTEGER,
    day_count       INTEGER NOT NULL,
    cap_week        INTEGER,
    week_count      INTEGER NOT NULL,
    expiry_check_at INTEGER,
    PRIMARY KEY (program_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS messages_recipients_by_expiry_check ON messages_recipients (expiry_check_at) WHERE expiry_check_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS messages_programs (
    program_id TEXT    NOT NULL PRIMARY KEY,
    last_seq   INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages_outbox (
    program_id  TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    member_id   TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    channels    INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    source_key  TEXT    NOT NULL,
    PRIMARY KEY (program_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages_held (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id  TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    source_key  TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    hold_until  INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS messages_held_by_time ON messages_held (hold_until);
CREATE INDEX IF NOT EXISTS messages_held_by_program ON messages_held (program_id);
CREATE TABLE IF NOT EXISTS messages_counts (
    program_id TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    outcome    INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (program_id, kind, outcome)) WITHOUT ROWID;
