-- Placeholder on branch 'messages' only, so that its 013_messages follows 010 without a gap (SqlMigration.Load refuses
-- gaps). Versions 011 and 012 belong to other branches: the merger drops this file.
SELECT 1;
