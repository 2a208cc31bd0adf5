-- Payloads become bytes that start with a format header (LoyaltyGrid.Storage.Formats.PayloadHeader).
--
-- New rows write `body` (bytea) and leave `payload` NULL; rows written before this version keep their JSON text in
-- `payload` and are read as its UTF-8 bytes (COALESCE(body, convert_to(payload, 'UTF8'))), which start with '{' and so
-- are recognised as legacy JSON. Adding a nullable column and dropping NOT NULL only change the catalog: the upgrade
-- takes milliseconds whatever the size of the journal, writes no WAL for old rows, and an ALTER ... TYPE bytea would
-- instead rewrite every row under an exclusive lock. Old rows are never rewritten (the journal is append-only).
ALTER TABLE lg_events ADD COLUMN IF NOT EXISTS body bytea;
ALTER TABLE lg_events ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE lg_snapshots ADD COLUMN IF NOT EXISTS body bytea;
ALTER TABLE lg_snapshots ALTER COLUMN payload DROP NOT NULL;
DO $$ BEGIN
    ALTER TABLE lg_events ALTER COLUMN body SET COMPRESSION lz4;
    ALTER TABLE lg_snapshots ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
