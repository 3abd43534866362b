-- The board of an ongoing outage in each channel it is reported from: one top-level message naming the known
-- incident and listing the reports linked to it, updated as they come, so that every reporter sees theirs is known
-- within seconds, whatever the pace of the replies in threads. One row per incident and channel; the row is the
-- outbox of the board's drawing, claimed with a lease.
CREATE TABLE outage_board (
    incident_id   BIGINT  NOT NULL REFERENCES ticket (id),
    channel       TEXT    NOT NULL,
    -- The board's message once posted.
    ts            TEXT,
    -- Counted up by each report linked and each change of the incident; the board shows shown_version.
    version       INTEGER NOT NULL DEFAULT 1,
    shown_version INTEGER NOT NULL DEFAULT 0,
    drawn_at      BIGINT,
    -- When to draw it next; NULL once what it shows is the latest.
    due_at        BIGINT,
    leased_by     TEXT,
    leased_until  BIGINT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (incident_id, channel)
);

CREATE INDEX outage_board_due ON outage_board (due_at) WHERE due_at IS NOT NULL;
-- The board lists an incident's reports by channel, newest first.
CREATE INDEX ticket_related_channel ON ticket (related_to, channel, id) WHERE related_to IS NOT NULL;
