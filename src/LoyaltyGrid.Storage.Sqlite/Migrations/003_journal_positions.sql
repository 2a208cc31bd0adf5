-- Every event gets a position in commit order, for readers of the whole journal (IJournalFeed: the insights
-- projection). SQLite has one writer, so the writer gives each transaction's rows the positions after the highest
-- committed one (SqliteEventStore), and a reader that has seen position P can never see a lower one appear later.
-- An explicit column rather than the rowid: VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY.
-- Rows written before this version are numbered once in rowid order, which is the order they were written in.
ALTER TABLE events ADD COLUMN pos INTEGER;
UPDATE events SET pos = rowid;
CREATE UNIQUE INDEX IF NOT EXISTS events_by_pos ON events (pos);
