-- Segments (issue 12 part 4): which members are in which segment, kept by the insights projection from the members'
-- SegmentsChanged events (a row while the member is in the segment), for ListSegments' counts and ListSegmentMembers'
-- pages by member_id. No journal before this version has such events, so no rebuild is needed.
CREATE TABLE IF NOT EXISTS insights_segment_members (
    program_id TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    PRIMARY KEY (program_id, segment_id, member_id)) WITHOUT ROWID;
