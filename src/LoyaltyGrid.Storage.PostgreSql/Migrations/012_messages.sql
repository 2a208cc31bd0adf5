-- Member messages (issue 12 part 6; README "Member messages"): the messages projection's checkpoint, the gate state
-- per member, each program's numbered outbox, the messages held for quiet hours and the outcome counts. Days are day
-- numbers (DateOnly.DayNumber). Self-contained: it reads no other table. The projection starts at the journal's
-- start; events older than a day when projected only update the gate state.
CREATE TABLE IF NOT EXISTS lg_messages_checkpoint (
    projection text        NOT NULL PRIMARY KEY,
    commit_pos bigint      NOT NULL,
    stream_id  text        COLLATE "C" NOT NULL,
    seq        bigint      NOT NULL,
    version    bigint      NOT NULL,
    events     bigint      NOT NULL,
    updated_at timestamptz);
INSERT INTO lg_messages_checkpoint VALUES ('messages', -1, '', 0, 0, 0, NULL) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS lg_messages_recipients (
    program_id      text    COLLATE "C" NOT NULL,
    member_id       text    COLLATE "C" NOT NULL,
    consented       integer NOT NULL,
    reachable       integer NOT NULL,
    time_zone       text,
    available       bigint  NOT NULL,
    pending         bigint  NOT NULL,
    held            bigint  NOT NULL,
    cap_day         integer,
    day_count       integer NOT NULL,
    cap_week        integer,
    week_count      integer NOT NULL,
    expiry_check_at timestamptz,
    PRIMARY KEY (program_id, member_id));
CREATE INDEX IF NOT EXISTS lg_messages_recipients_by_expiry_check ON lg_messages_recipients (expiry_check_at) WHERE expiry_check_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS lg_messages_programs (
    program_id text   COLLATE "C" NOT NULL PRIMARY KEY,
    last_seq   bigint NOT NULL);
CREATE TABLE IF NOT EXISTS lg_messages_outbox (
    program_id  text        COLLATE "C" NOT NULL,
    seq         bigint      NOT NULL,
    member_id   text        COLLATE "C" NOT NULL,
    kind        integer     NOT NULL,
    channels    integer     NOT NULL,
    data        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    source_key  text        COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, seq));
CREATE TABLE IF NOT EXISTS lg_messages_held (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program_id  text        COLLATE "C" NOT NULL,
    member_id   text        COLLATE "C" NOT NULL,
    kind        integer     NOT NULL,
    source_key  text        COLLATE "C" NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        text        NOT NULL,
    hold_until  timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS lg_messages_held_by_time ON lg_messages_held (hold_until);
CREATE INDEX IF NOT EXISTS lg_messages_held_by_program ON lg_messages_held (program_id);
CREATE TABLE IF NOT EXISTS lg_messages_counts (
    program_id text    COLLATE "C" NOT NULL,
    kind       integer NOT NULL,
    outcome    integer NOT NULL,
    count      bigint  NOT NULL,
    PRIMARY KEY (program_id, kind, outcome));
