-- The schema as main 0384d1b created it (inline, without a version table). IF NOT EXISTS throughout: on a database
-- that code created, this script changes nothing and only records version 1.
CREATE TABLE IF NOT EXISTS events (
    stream_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    payload     TEXT    NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, seq);
CREATE TABLE IF NOT EXISTS snapshots (
    stream_id TEXT    NOT NULL PRIMARY KEY,
    seq       INTEGER NOT NULL,
    payload   TEXT    NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS wakeups (
    stream_id TEXT    NOT NULL PRIMARY KEY,
    due_at    INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS wakeups_by_due_at ON wakeups (due_at);
