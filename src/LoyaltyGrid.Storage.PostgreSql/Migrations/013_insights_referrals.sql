-- Referrals (issue 12 part 2; README "Referrals"), projected from the member streams. Self-contained: only new tables.
-- lg_insights_referrals: one row per referral a referrer's journal recorded (ReferralMade), updated by how it ended
-- (ReferralSettled), for ListReferrals per program, newest first (referred_at, unix ms; referral_id breaks ties).
-- status and rejection are the API's numbers. lg_insights_contact_digests: each member's current email and phone
-- digests (ContactDigestsChanged; an erased profile's rows are deleted), looked up by digest for the referral rule
-- "a referee who was already a member". Referrals and digests journaled before this migration are in these tables
-- once the insights projection is rebuilt (ResetAsync, then it catches up from the start).
CREATE TABLE IF NOT EXISTS lg_insights_referrals (
    program_id         text   COLLATE "C" NOT NULL,
    referral_id        text   COLLATE "C" NOT NULL,
    code               text   COLLATE "C" NOT NULL,
    referrer_member_id text   COLLATE "C" NOT NULL,
    referee_member_id  text   COLLATE "C" NOT NULL,
    status             smallint NOT NULL,
    rejection          smallint,
    referrer_points    bigint NOT NULL,
    referred_at        bigint NOT NULL,
    settled_at         bigint,
    PRIMARY KEY (program_id, referral_id));
CREATE INDEX IF NOT EXISTS lg_insights_referrals_newest ON lg_insights_referrals (program_id, referred_at DESC, referral_id DESC);
CREATE INDEX IF NOT EXISTS lg_insights_referrals_by_status ON lg_insights_referrals (program_id, status, referred_at DESC, referral_id DESC);
CREATE TABLE IF NOT EXISTS lg_insights_contact_digests (
    program_id text COLLATE "C" NOT NULL,
    member_id  text COLLATE "C" NOT NULL,
    kind       text COLLATE "C" NOT NULL,
    digest     text COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, member_id, kind));
CREATE INDEX IF NOT EXISTS lg_insights_contact_digests_by_digest ON lg_insights_contact_digests (program_id, digest);
