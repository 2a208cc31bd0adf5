-- Every event records the transaction that wrote it, for readers of the whole journal (IJournalFeed: the insights
-- projection). Concurrent group commits finish out of order, so no counter taken at insert time is a safe
-- checkpoint: a reader that saw a later commit could skip an earlier one still in flight. The feed reads only rows
-- whose transaction is older than every transaction still running (pg_snapshot_xmin of the current snapshot), in
-- (tx, stream_id, seq) order, and no row can appear later below that horizon.
--
-- A constant default is a catalog change only (no table rewrite): rows written before this version read as tx 0,
-- before every later transaction; new rows get their writer's id from the second default.
ALTER TABLE lg_events ADD COLUMN IF NOT EXISTS tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE lg_events ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS lg_events_by_tx ON lg_events (tx, stream_id, seq);
