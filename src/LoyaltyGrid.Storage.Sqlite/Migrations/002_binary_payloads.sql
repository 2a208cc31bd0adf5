-- Payloads become bytes that start with a format header (LoyaltyGrid.Storage.Formats.PayloadHeader).
--
-- No DDL: a SQLite column of TEXT affinity stores a BLOB value as it is (no conversion), so new rows bind their payload
-- as a BLOB into the same `payload` column, and rows written before this version stay TEXT and are read as their UTF-8
-- bytes (CAST(payload AS BLOB)), which start with '{' and so are recognised as legacy JSON. Changing the declared type
-- would mean copying the whole table in SQLite; nothing is rewritten instead. The version is recorded so that both
-- backends are at the same schema version and later scripts can rely on it.
SELECT 1;
