-- Referrals (issue 12 part 2; README "Referrals"), projected from the member streams. Self-contained: only new tables.
-- insights_referrals: one row per referral a referrer's journal recorded (ReferralMade), updated by how it ended
-- (ReferralSettled), for ListReferrals per program, newest first (referred_at, unix ms; referral_id breaks ties).
-- status and rejection are the API's numbers. insights_contact_digests: each member's current email and phone
-- digests (ContactDigestsChanged; an erased profile's rows are deleted), looked up by digest for the referral rule
-- "a referee who was already a member". Referrals and digests journaled before this migration are in these tables
-- once the insights projection is rebuilt (ResetAsync, then it catches up from the start).
CREATE TABLE IF NOT EXISTS insights_referrals (
    program_id         TEXT    NOT NULL,
    referral_id        TEXT    NOT NULL,
    code               TEXT    NOT NULL,
    referrer_member_id TEXT    NOT NULL,
    referee_member_id  TEXT    NOT NULL,
    status             INTEGER NOT NULL,
    rejection          INTEGER,
    referrer_points    INTEGER NOT NULL,
    referred_at        INTEGER NOT NULL,
    settled_at         INTEGER,
    PRIMARY KEY (program_id, referral_id));
CREATE INDEX IF NOT EXISTS insights_referrals_newest ON insights_referrals (program_id, referred_at DESC, referral_id DESC);
CREATE INDEX IF NOT EXISTS insights_referrals_by_status ON insights_referrals (program_id, status, referred_at DESC, referral_id DESC);
CREATE TABLE IF NOT EXISTS insights_contact_digests (
    program_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    digest     TEXT NOT NULL,
    PRIMARY KEY (program_id, member_id, kind));
CREATE INDEX IF NOT EXISTS insights_contact_digests_by_digest ON insights_contact_digests (program_id, digest);
