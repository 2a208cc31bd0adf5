-- The schema as main 0384d1b created it (inline, without a version table). IF NOT EXISTS throughout: on a database
-- that code created, this script changes nothing and only records version 1.
-- Stream ids are compared byte-wise (COLLATE "C") whatever the database's locale: cheaper index work.
CREATE TABLE IF NOT EXISTS lg_events (
    stream_id   text   COLLATE "C" NOT NULL,
    seq         bigint NOT NULL,
    recorded_at bigint NOT NULL,
    payload     text   NOT NULL,
    PRIMARY KEY (stream_id, seq));
CREATE TABLE IF NOT EXISTS lg_snapshots (
    stream_id text   COLLATE "C" NOT NULL PRIMARY KEY,
    seq       bigint NOT NULL,
    payload   text   NOT NULL);
CREATE TABLE IF NOT EXISTS lg_wakeups (
    stream_id text   COLLATE "C" NOT NULL PRIMARY KEY,
    due_at    bigint NOT NULL);
CREATE INDEX IF NOT EXISTS lg_wakeups_by_due_at ON lg_wakeups (due_at);
-- Payloads over 2 KB are compressed; lz4 costs a fraction of the default pglz's CPU. A server built without lz4 keeps pglz.
DO $$ BEGIN
    ALTER TABLE lg_events ALTER COLUMN payload SET COMPRESSION lz4;
    ALTER TABLE lg_snapshots ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
