-- The insights projection (IInsightsStore; README "Insights"): analytic tables kept from the journal, and the
-- checkpoint written in the same transaction as what it covers. Rebuilt from the journal by emptying them
-- (Insights/RebuildProjection). Days are UTC calendar days, money minor units.
CREATE TABLE IF NOT EXISTS lg_insights_checkpoint (
    projection text        NOT NULL PRIMARY KEY,
    commit_pos bigint      NOT NULL,
    stream_id  text        COLLATE "C" NOT NULL,
    seq        bigint      NOT NULL,
    events     bigint      NOT NULL,
    updated_at timestamptz);
INSERT INTO lg_insights_checkpoint VALUES ('insights', -1, '', 0, 0, NULL) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS lg_insights_members (
    program_id         text   COLLATE "C" NOT NULL,
    member_id          text   COLLATE "C" NOT NULL,
    enrolled_at        timestamptz,
    first_purchase_at  timestamptz,
    last_purchase_at   timestamptz,
    purchases          bigint NOT NULL,
    imported_purchases bigint NOT NULL,
    spend_minor        bigint NOT NULL,
    returns            bigint NOT NULL,
    returned_minor     bigint NOT NULL,
    points_earned      bigint NOT NULL,
    points_redeemed    bigint NOT NULL,
    points_expired     bigint NOT NULL,
    points_reversed    bigint NOT NULL,
    tier_id            text,
    tier_seq           bigint NOT NULL,
    PRIMARY KEY (program_id, member_id));
CREATE TABLE IF NOT EXISTS lg_insights_member_days (
    program_id  text   COLLATE "C" NOT NULL,
    member_id   text   COLLATE "C" NOT NULL,
    day         date   NOT NULL,
    purchases   bigint NOT NULL,
    spend_minor bigint NOT NULL,
    PRIMARY KEY (program_id, member_id, day));
CREATE TABLE IF NOT EXISTS lg_insights_member_stores (
    program_id        text   COLLATE "C" NOT NULL,
    member_id         text   COLLATE "C" NOT NULL,
    merchant_id       text   COLLATE "C" NOT NULL,
    store_id          text   COLLATE "C" NOT NULL,
    purchases         bigint NOT NULL,
    spend_minor       bigint NOT NULL,
    first_purchase_at timestamptz NOT NULL,
    last_purchase_at  timestamptz NOT NULL,
    PRIMARY KEY (program_id, member_id, merchant_id, store_id));
CREATE TABLE IF NOT EXISTS lg_insights_daily (
    program_id         text   COLLATE "C" NOT NULL,
    day                date   NOT NULL,
    merchant_id        text   COLLATE "C" NOT NULL,
    store_id           text   COLLATE "C" NOT NULL,
    purchases          bigint NOT NULL,
    imported_purchases bigint NOT NULL,
    spend_minor        bigint NOT NULL,
    returns            bigint NOT NULL,
    returned_minor     bigint NOT NULL,
    points_earned      bigint NOT NULL,
    points_redeemed    bigint NOT NULL,
    points_expired     bigint NOT NULL,
    points_reversed    bigint NOT NULL,
    enrolments         bigint NOT NULL,
    PRIMARY KEY (program_id, day, merchant_id, store_id));
